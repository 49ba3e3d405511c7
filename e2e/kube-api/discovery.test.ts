import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startKubeApi, type KubeApiServer } from "./index";
import { call } from "./test-client";

let server: KubeApiServer;
beforeAll(async () => {
  server = await startKubeApi();
});
afterAll(() => server.stop());

describe("discovery", () => {
  it("answers /version with a Kubernetes version", async () => {
    const r = await call(server, "GET", "/version");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ major: "1", minor: "32" });
  });

  it("lists the core version and every API group kubectl needs", async () => {
    expect((await call(server, "GET", "/api")).body).toMatchObject({ kind: "APIVersions", versions: ["v1"] });
    const groups = (await call(server, "GET", "/apis")).body.groups.map((g: { name: string }) => g.name);
    expect(groups).toEqual(
      expect.arrayContaining([
        "apps",
        "rbac.authorization.k8s.io",
        "policy",
        "networking.k8s.io",
        "monitoring.coreos.com",
        "authorization.k8s.io",
      ]),
    );
  });

  it("describes resources with scope, verbs and kubectl's short names", async () => {
    const core = (await call(server, "GET", "/api/v1")).body;
    const byName = (list: { resources: { name: string }[] }, n: string) => list.resources.find((r) => r.name === n);
    expect(byName(core, "namespaces")).toMatchObject({ kind: "Namespace", namespaced: false, shortNames: ["ns"] });
    expect(byName(core, "configmaps")).toMatchObject({ kind: "ConfigMap", namespaced: true, shortNames: ["cm"] });
    expect(byName(core, "services")).toMatchObject({ shortNames: ["svc"] });
    expect(byName(core, "serviceaccounts")).toMatchObject({ shortNames: ["sa"] });
    expect(byName(core, "pods")).toMatchObject({ shortNames: ["po"] });
    const apps = (await call(server, "GET", "/apis/apps/v1")).body;
    expect(byName(apps, "statefulsets")).toMatchObject({
      kind: "StatefulSet",
      namespaced: true,
      shortNames: ["sts"],
      verbs: expect.arrayContaining(["patch", "list"]),
    });
    expect(byName(apps, "deployments")).toMatchObject({ shortNames: ["deploy"] });
    const rbac = (await call(server, "GET", "/apis/rbac.authorization.k8s.io/v1")).body;
    expect(byName(rbac, "clusterroles")).toMatchObject({ namespaced: false });
    const mon = (await call(server, "GET", "/apis/monitoring.coreos.com/v1")).body;
    expect(byName(mon, "prometheuses")).toMatchObject({ kind: "Prometheus", namespaced: true });
    expect(byName(mon, "podmonitors")).toMatchObject({ kind: "PodMonitor", namespaced: true });
    expect(byName(mon, "servicemonitors")).toMatchObject({ kind: "ServiceMonitor", namespaced: true });
    const policy = (await call(server, "GET", "/apis/policy/v1")).body;
    expect(byName(policy, "poddisruptionbudgets")).toMatchObject({ kind: "PodDisruptionBudget", shortNames: ["pdb"] });
    const net = (await call(server, "GET", "/apis/networking.k8s.io/v1")).body;
    expect(byName(net, "ingresses")).toMatchObject({ kind: "Ingress", namespaced: true, shortNames: ["ing"] });
  });

  it("serves the OpenAPI v3 index and PATCH operations that declare fieldValidation", async () => {
    const index = (await call(server, "GET", "/openapi/v3")).body;
    const url: string = index.paths["apis/apps/v1"].serverRelativeURL;
    const doc = (await call(server, "GET", url)).body;
    const patch = doc.paths["/apis/apps/v1/namespaces/{namespace}/statefulsets/{name}"].patch;
    expect(patch["x-kubernetes-group-version-kind"]).toEqual({ group: "apps", version: "v1", kind: "StatefulSet" });
    expect(patch.parameters.map((p: { name: string }) => p.name)).toContain("fieldValidation");
  });

  it("rejects requests without a valid bearer token with a 401 Status", async () => {
    const r = await call(server, "GET", "/api/v1/namespaces", { user: null });
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ kind: "Status", reason: "Unauthorized", code: 401 });
  });

  it("answers unknown resources with a 404 Status", async () => {
    const r = await call(server, "GET", "/apis/apps/v1/namespaces/x/replicasets");
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ kind: "Status", reason: "NotFound" });
  });
});
