import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startKubeApi, type KubeApiServer } from "./index";
import { apply, call } from "./test-client";

let server: KubeApiServer;
beforeAll(async () => {
  server = await startKubeApi();
  await apply(server, "/api/v1/namespaces/team", "apiVersion: v1\nkind: Namespace\nmetadata: {name: team}\n");
});
afterAll(() => server.stop());

const review = (verb: string, resource: string, group = "") => ({
  apiVersion: "authorization.k8s.io/v1",
  kind: "SelfSubjectAccessReview",
  spec: { resourceAttributes: { namespace: "team", verb, group, resource } },
});

describe("bearer-token users", () => {
  it("readonly may GET and LIST", async () => {
    expect((await call(server, "GET", "/api/v1/namespaces/team", { user: "readonly" })).status).toBe(200);
    expect((await call(server, "GET", "/api/v1/namespaces/team/configmaps", { user: "readonly" })).status).toBe(200);
  });

  it("readonly writes are refused with a 403 Forbidden Status naming user, verb and resource", async () => {
    const r = await apply(
      server,
      "/apis/apps/v1/namespaces/team/statefulsets/web",
      "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: web}\n",
      "fieldManager=x",
      "readonly",
    );
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ kind: "Status", reason: "Forbidden", code: 403 });
    expect(r.body.message).toBe(
      'statefulsets.apps "web" is forbidden: User "readonly" cannot patch resource "statefulsets" in API group "apps" in the namespace "team"',
    );
    expect((await call(server, "DELETE", "/api/v1/namespaces/team", { user: "readonly" })).status).toBe(403);
    expect((await call(server, "GET", "/api/v1/namespaces/team")).status).toBe(200);
  });

  it("SelfSubjectAccessReview answers per the token's rights", async () => {
    const path = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";
    const ro = await call(server, "POST", path, { body: review("patch", "statefulsets", "apps"), user: "readonly" });
    expect(ro.status).toBe(201);
    expect(ro.body.status.allowed).toBe(false);
    expect(
      (await call(server, "POST", path, { body: review("list", "statefulsets", "apps"), user: "readonly" })).body.status
        .allowed,
    ).toBe(true);
    expect((await call(server, "POST", path, { body: review("delete", "configmaps") })).body.status.allowed).toBe(true);
  });
});
