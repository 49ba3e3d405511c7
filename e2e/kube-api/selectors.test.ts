import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startKubeApi, type KubeApiServer } from "./index";
import { matchesLabels, parseLabelSelector } from "./selectors";
import { apply, call } from "./test-client";

describe("label selector parsing", () => {
  const m = (sel: string, labels: Record<string, string>) => matchesLabels(parseLabelSelector(sel), labels);
  it("supports =, ==, !=, in, notin, exists and !exists", () => {
    expect(m("app=web", { app: "web" })).toBe(true);
    expect(m("app==web", { app: "db" })).toBe(false);
    expect(m("app!=web", {})).toBe(true);
    expect(m("tier in (a, b)", { tier: "b" })).toBe(true);
    expect(m("tier notin (a,b)", { tier: "a" })).toBe(false);
    expect(m("tier notin (a,b)", {})).toBe(true);
    expect(m("owner", { owner: "" })).toBe(true);
    expect(m("!owner", { owner: "x" })).toBe(false);
    expect(m("app=web,tier in (a,b),!legacy", { app: "web", tier: "a" })).toBe(true);
  });
  it("rejects malformed selectors", () => {
    expect(() => parseLabelSelector("a in b")).toThrow();
  });
});

describe("LIST with selectors", () => {
  let server: KubeApiServer;
  beforeAll(async () => {
    server = await startKubeApi();
    await apply(server, "/api/v1/namespaces/a", "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n");
    await apply(server, "/api/v1/namespaces/b", "apiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n");
    const mk = (ns: string, name: string, labels: string) =>
      apply(
        server,
        `/api/v1/namespaces/${ns}/configmaps/${name}`,
        `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}, namespace: ${ns}, labels: {${labels}}}\n`,
      );
    await mk("a", "one", "owner: d1, tier: web");
    await mk("a", "two", "owner: d1, tier: db");
    await mk("b", "three", "owner: d2");
    await mk("b", "four", "");
  });
  afterAll(() => server.stop());
  const names = async (path: string) =>
    ((await call(server, "GET", path)).body.items as { metadata: { name: string } }[])
      .map((i) => i.metadata.name)
      .sort();

  it("filters by label selector within a namespace and across all namespaces", async () => {
    expect(await names("/api/v1/namespaces/a/configmaps?labelSelector=owner%3Dd1")).toEqual(["one", "two"]);
    expect(await names("/api/v1/configmaps?labelSelector=owner")).toEqual(["one", "three", "two"]);
    // kube-root-ca.crt: what every namespace gets, unlabelled.
    expect(await names("/api/v1/configmaps?labelSelector=!owner")).toEqual([
      "four",
      "kube-root-ca.crt",
      "kube-root-ca.crt",
    ]);
    expect(await names(`/api/v1/configmaps?labelSelector=${encodeURIComponent("tier notin (db),owner")}`)).toEqual([
      "one",
      "three",
    ]);
    expect(await names(`/api/v1/namespaces/b/configmaps?labelSelector=${encodeURIComponent("owner!=d1")}`)).toEqual([
      "four",
      "kube-root-ca.crt",
      "three",
    ]);
  });

  it("filters by metadata.name field selector", async () => {
    expect(await names("/api/v1/configmaps?fieldSelector=metadata.name%3Dthree")).toEqual(["three"]);
  });

  it("answers 400 for a bad selector", async () => {
    expect((await call(server, "GET", "/api/v1/configmaps?labelSelector=a%20in%20b")).status).toBe(400);
  });
});
