import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startKubeApi, type KubeApiServer } from "./index";
import { apply, call } from "./test-client";

let server: KubeApiServer;
beforeAll(async () => {
  server = await startKubeApi();
});
afterAll(() => server.stop());
beforeEach(async () => {
  server.store.clear();
  await apply(server, "/api/v1/namespaces/team", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n");
});

const CM = "/api/v1/namespaces/team/configmaps/cfg";
const cm = (data: Record<string, string>, extra = "") =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: team\n${extra}data:\n` +
  Object.entries(data)
    .map(([k, v]) => `  ${k}: "${v}"\n`)
    .join("");
const STS = "/apis/apps/v1/namespaces/team/statefulsets/web";
const sts = (replicas: number, image = "nginx:1") => `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web, namespace: team}
spec:
  replicas: ${replicas}
  serviceName: web
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "${image}"}]
`;

describe("server-side apply", () => {
  it("creates on first apply with identity and the field manager's ownership (no generation on a ConfigMap)", async () => {
    const r = await apply(server, CM, cm({ a: "1" }), "fieldManager=studio");
    expect(r.status).toBe(201);
    expect(r.body.metadata).toMatchObject({ name: "cfg", namespace: "team" });
    expect(r.body.metadata.generation).toBeUndefined();
    expect(r.body.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.body.metadata.creationTimestamp).toBeTruthy();
    expect(r.body.metadata.managedFields).toEqual([
      expect.objectContaining({
        manager: "studio",
        operation: "Apply",
        fieldsType: "FieldsV1",
        fieldsV1: { "f:data": { "f:a": {} } },
      }),
    ]);
    expect((await call(server, "GET", CM)).body.data).toEqual({ a: "1" });
  });

  it("updates in place: resourceVersion grows, generation bumps only when the spec changes", async () => {
    const a = await apply(server, STS, sts(1), "fieldManager=studio");
    const b = await apply(server, STS, sts(3), "fieldManager=studio");
    expect(b.status).toBe(200);
    expect(b.body.metadata.uid).toBe(a.body.metadata.uid);
    expect(Number(b.body.metadata.resourceVersion)).toBeGreaterThan(Number(a.body.metadata.resourceVersion));
    expect(a.body.metadata.generation).toBe(1);
    expect(b.body.metadata.generation).toBe(2);
    expect(b.body.spec.replicas).toBe(3);
    const labelsOnly = await apply(
      server,
      STS,
      sts(3).replace(
        "metadata: {name: web, namespace: team}",
        "metadata: {name: web, namespace: team, labels: {x: y}}",
      ),
      "fieldManager=studio",
    );
    expect(labelsOnly.body.metadata.generation).toBe(2);
  });

  it("removes fields the manager stops applying", async () => {
    await apply(server, CM, cm({ a: "1", b: "2" }), "fieldManager=studio");
    const r = await apply(server, CM, cm({ a: "1" }), "fieldManager=studio");
    expect(r.body.data).toEqual({ a: "1" });
  });

  it("answers 409 Conflict naming the other manager and field, unless force=true", async () => {
    await apply(server, CM, cm({ a: "1" }), "fieldManager=alice");
    const r = await apply(server, CM, cm({ a: "2" }), "fieldManager=bob");
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ kind: "Status", reason: "Conflict", code: 409 });
    expect(r.body.message).toContain('conflict with "alice"');
    expect(r.body.details.causes).toEqual([
      expect.objectContaining({ type: "FieldManagerConflict", field: ".data.a" }),
    ]);
    expect((await call(server, "GET", CM)).body.data.a).toBe("1");

    const forced = await apply(server, CM, cm({ a: "2" }), "fieldManager=bob&force=true");
    expect(forced.status).toBe(200);
    expect(forced.body.data.a).toBe("2");
    const owners = forced.body.metadata.managedFields.map((m: { manager: string }) => m.manager);
    expect(owners).toEqual(["bob"]);
  });

  it("shares ownership without conflict when both managers apply the same value", async () => {
    await apply(server, CM, cm({ a: "1" }), "fieldManager=alice");
    const r = await apply(server, CM, cm({ a: "1", b: "x" }), "fieldManager=bob");
    expect(r.status).toBe(200);
    expect(r.body.metadata.managedFields.map((m: { manager: string }) => m.manager).sort()).toEqual(["alice", "bob"]);
  });

  it("conflicts with fields another client changed through an update (kubectl scale)", async () => {
    await apply(server, STS, sts(1), "fieldManager=studio");
    const scaled = await call(server, "PATCH", `${STS}/scale?fieldManager=kubectl-scale`, {
      body: { spec: { replicas: 4 } },
      contentType: "application/merge-patch+json",
    });
    expect(scaled.status).toBe(200);
    const r = await apply(server, STS, sts(2), "fieldManager=studio");
    expect(r.status).toBe(409);
    expect(r.body.message).toContain("kubectl-scale");
  });

  it("dryRun=All returns the would-be object and stores nothing", async () => {
    const created = await apply(server, CM, cm({ a: "1" }), "fieldManager=studio&dryRun=All");
    expect(created.status).toBe(201);
    expect(created.body.data).toEqual({ a: "1" });
    expect((await call(server, "GET", CM)).status).toBe(404);

    await apply(server, CM, cm({ a: "1" }), "fieldManager=studio");
    const before = (await call(server, "GET", CM)).body;
    const dry = await apply(server, CM, cm({ a: "9" }), "fieldManager=studio&dryRun=All");
    expect(dry.body.data).toEqual({ a: "9" });
    await apply(server, STS, sts(1), "fieldManager=studio");
    const drySts = await apply(server, STS, sts(5), "fieldManager=studio&dryRun=All");
    expect(drySts.body.metadata.generation).toBe(2);
    expect((await call(server, "GET", STS)).body.metadata.generation).toBe(1);
    const after = (await call(server, "GET", CM)).body;
    expect(after).toEqual(before);
  });

  it("requires a fieldManager for apply", async () => {
    const r = await apply(server, CM, cm({ a: "1" }), "force=true");
    expect(r.status).toBe(400);
  });

  it("rejects invalid names with 422 Invalid and objects in missing namespaces with 404", async () => {
    const bad = await apply(
      server,
      "/api/v1/namespaces/team/configmaps/Bad_Name",
      cm({ a: "1" }).replace("name: cfg", "name: Bad_Name"),
    );
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ kind: "Status", reason: "Invalid", code: 422 });
    expect(bad.body.details.causes[0].field).toBe("metadata.name");
    const missing = await apply(
      server,
      "/api/v1/namespaces/nope/configmaps/cfg",
      cm({ a: "1" }).replace("namespace: team", "namespace: nope"),
    );
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('namespaces "nope" not found');
  });
});

describe("create, replace, patch, delete", () => {
  const body = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg" }, data: { a: "1" } };

  it("POST creates once, then answers 409 AlreadyExists", async () => {
    expect((await call(server, "POST", "/api/v1/namespaces/team/configmaps", { body })).status).toBe(201);
    const again = await call(server, "POST", "/api/v1/namespaces/team/configmaps", { body });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ reason: "AlreadyExists", message: 'configmaps "cfg" already exists' });
  });

  it("PUT with a stale resourceVersion answers 409 Conflict", async () => {
    const created = (await call(server, "POST", "/api/v1/namespaces/team/configmaps", { body })).body;
    const ok = await call(server, "PUT", CM, { body: { ...created, data: { a: "2" } } });
    expect(ok.status).toBe(200);
    const stale = await call(server, "PUT", CM, { body: { ...created, data: { a: "3" } } });
    expect(stale.status).toBe(409);
    expect(stale.body.reason).toBe("Conflict");
  });

  it("server-side apply with a stale metadata.resourceVersion answers 409 Conflict and changes nothing", async () => {
    const created = (await call(server, "POST", "/api/v1/namespaces/team/configmaps", { body })).body;
    const rv = created.metadata.resourceVersion as string;
    const yaml = (a: string, version: string) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, resourceVersion: "${version}"}\ndata: {a: "${a}"}\n`;
    const ok = await apply(server, CM, yaml("2", rv));
    expect(ok.status).toBe(200);
    const stale = await apply(server, CM, yaml("3", rv));
    expect(stale.status).toBe(409);
    expect(stale.body.reason).toBe("Conflict");
    expect((await call(server, "GET", CM)).body.data).toEqual({ a: "2" });
  });

  it("merge and strategic merge patches change only what they name", async () => {
    await call(server, "POST", "/api/v1/namespaces/team/configmaps", { body: { ...body, data: { a: "1", b: "2" } } });
    const m = await call(server, "PATCH", CM, {
      body: { data: { b: null, c: "3" } },
      contentType: "application/merge-patch+json",
    });
    expect(m.body.data).toEqual({ a: "1", c: "3" });
    await apply(server, STS, sts(1));
    const s = await call(server, "PATCH", STS, {
      body: { spec: { template: { spec: { containers: [{ name: "web", image: "nginx:2" }] } } } },
      contentType: "application/strategic-merge-patch+json",
    });
    expect(s.body.spec.template.spec.containers).toEqual([{ name: "web", image: "nginx:2" }]);
  });

  it("DELETE removes the object (propagationPolicy accepted) and answers 404 afterwards", async () => {
    await call(server, "POST", "/api/v1/namespaces/team/configmaps", { body });
    const d = await call(server, "DELETE", CM, {
      body: { kind: "DeleteOptions", apiVersion: "v1", propagationPolicy: "Foreground" },
    });
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({ kind: "Status", status: "Success" });
    const gone = await call(server, "DELETE", CM);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ reason: "NotFound", message: 'configmaps "cfg" not found' });
  });

  it("deleting a namespace deletes what it contains", async () => {
    await call(server, "POST", "/api/v1/namespaces/team/configmaps", { body });
    await call(server, "DELETE", "/api/v1/namespaces/team");
    expect((await call(server, "GET", CM)).status).toBe(404);
  });
});

describe("namespace defaults", () => {
  it("a new namespace gets the default ServiceAccount and kube-root-ca.crt, like on a real cluster", async () => {
    await apply(server, "/api/v1/namespaces/fresh", "apiVersion: v1\nkind: Namespace\nmetadata: {name: fresh}\n");
    expect((await call(server, "GET", "/api/v1/namespaces/fresh/serviceaccounts/default")).status).toBe(200);
    const ca = (await call(server, "GET", "/api/v1/namespaces/fresh/configmaps/kube-root-ca.crt")).body;
    expect(ca.data["ca.crt"]).toBe(server.caPem);
  });
});
