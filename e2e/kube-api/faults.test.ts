import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startKubeApi, type KubeApiServer } from "./index";
import { apply, call } from "./test-client";

let server: KubeApiServer;
beforeAll(async () => {
  server = await startKubeApi();
});
afterAll(() => server.stop());
beforeEach(() => server.faults.clear());

describe("fault injection", () => {
  it("failNext answers n 500 Status errors, then recovers", async () => {
    server.faults.set({ failNext: 2 });
    const a = await call(server, "GET", "/api/v1/namespaces");
    expect(a.status).toBe(500);
    expect(a.body).toMatchObject({ kind: "Status", reason: "InternalError", code: 500 });
    expect((await call(server, "GET", "/api/v1/namespaces")).status).toBe(500);
    expect((await call(server, "GET", "/api/v1/namespaces")).status).toBe(200);
    expect(server.faults.injected.fail).toBeGreaterThanOrEqual(2);
  });

  it("failCode 429 models throttling", async () => {
    server.faults.set({ failNext: 1, failCode: 429 });
    const r = await call(server, "GET", "/api/v1/namespaces");
    expect(r.status).toBe(429);
    expect(r.body.reason).toBe("TooManyRequests");
  });

  it("onlyFor restricts faults to matching method and path", async () => {
    server.faults.set({ failNext: 1, onlyFor: { method: "PATCH", pathRegex: "/configmaps/" } });
    expect((await call(server, "GET", "/api/v1/namespaces")).status).toBe(200);
    await apply(server, "/api/v1/namespaces/f", "apiVersion: v1\nkind: Namespace\nmetadata: {name: f}\n");
    const r = await apply(
      server,
      "/api/v1/namespaces/f/configmaps/c",
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n",
    );
    expect(r.status).toBe(500);
  });

  it("failRate 1 fails every matching request", async () => {
    server.faults.set({ failRate: 1 });
    for (let i = 0; i < 3; i++) expect((await call(server, "GET", "/version")).status).toBe(500);
  });

  it("dropNext destroys the socket without an answer", async () => {
    server.faults.set({ dropNext: 1 });
    await expect(call(server, "GET", "/api/v1/namespaces")).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect((await call(server, "GET", "/api/v1/namespaces")).status).toBe(200);
  });

  it("timeoutNext never answers, so the client's timeout fires", async () => {
    server.faults.set({ timeoutNext: 1 });
    await expect(call(server, "GET", "/api/v1/namespaces", { timeoutMs: 300 })).rejects.toThrow(/client timeout/);
    expect((await call(server, "GET", "/api/v1/namespaces")).status).toBe(200);
  });

  it("latencyMs delays every answer", async () => {
    server.faults.set({ latencyMs: 120 });
    const t0 = Date.now();
    await call(server, "GET", "/version");
    expect(Date.now() - t0).toBeGreaterThanOrEqual(110);
    server.faults.set({ latencyMs: 0 });
  });

  it("the HTTP control API sets and clears faults for scripts", async () => {
    expect((await call(server, "POST", "/_sandbox/faults", { body: { failNext: 1 } })).status).toBe(200);
    expect((await call(server, "GET", "/version")).status).toBe(500);
    await call(server, "DELETE", "/_sandbox/faults");
    expect(server.faults.config.failNext).toBeUndefined();
  });
});

describe("services/proxy", () => {
  let backend: http.Server;
  let backendUrl: string;
  beforeAll(async () => {
    backend = http.createServer((req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end(`backend saw ${req.method} ${req.url}`);
    });
    await new Promise<void>((r) => backend.listen(0, "127.0.0.1", r));
    backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
    await apply(server, "/api/v1/namespaces/mon", "apiVersion: v1\nkind: Namespace\nmetadata: {name: mon}\n");
    await apply(
      server,
      "/api/v1/namespaces/mon/services/prom",
      "apiVersion: v1\nkind: Service\nmetadata: {name: prom}\nspec: {ports: [{name: web, port: 9090}]}\n",
    );
  });
  afterAll(() => new Promise<void>((r) => backend.close(() => r())));

  it("answers 503 while no backend is registered", async () => {
    const r = await call(server, "GET", "/api/v1/namespaces/mon/services/prom:9090/proxy/-/ready");
    expect(r.status).toBe(503);
    expect(r.body).toMatchObject({ kind: "Status", code: 503 });
  });

  it("forwards path and query to the registered backend", async () => {
    server.registerServiceBackend("mon", "prom", 9090, backendUrl);
    const r = await call(server, "GET", "/api/v1/namespaces/mon/services/prom:9090/proxy/api/v1/stores?x=1");
    expect(r.status).toBe(200);
    expect(r.body).toBe("backend saw GET /api/v1/stores?x=1");
    server.unregisterServiceBackend("mon", "prom", 9090);
  });

  it("registers backends through POST /_sandbox/backends", async () => {
    await call(server, "POST", "/_sandbox/backends", {
      body: { namespace: "mon", service: "prom", port: "web", url: backendUrl },
    });
    const r = await call(server, "GET", "/api/v1/namespaces/mon/services/http:prom:web/proxy/-/healthy");
    expect(r.body).toBe("backend saw GET /-/healthy");
  });
});
