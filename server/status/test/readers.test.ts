import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startThanosFixture, type ThanosFixture } from "@/e2e/thanos-fixture";
import { directServiceProxy, serviceKey } from "@/e2e/thanos-fixture/direct-proxy";
import { readHealth, readStores, readUploadMetrics, type FetchThroughProxy } from "../readers";

const query = { namespace: "monitoring", service: "thanos-query", port: 9090 };
const sidecar = { namespace: "monitoring", service: "prometheus-k8s-0-sidecar", port: "http-sidecar" };
const receiver = { namespace: "monitoring", service: "thanos-receive", port: 10902 };
const htmlPage = { namespace: "monitoring", service: "oauth-proxy", port: 443 };
const closed = { namespace: "monitoring", service: "gone", port: 9090 };

let fixture: ThanosFixture;
let htmlServer: http.Server;
let proxy: FetchThroughProxy;

beforeAll(async () => {
  fixture = await startThanosFixture();
  const side = await fixture.addComponent("prometheus-k8s-0-sidecar", "sidecar", { bucket: "thanos-eu1" });
  const recv = await fixture.addComponent("thanos-receive", "receive");
  // A login page answering 200 with HTML where JSON was expected, as a misrouted proxy does.
  htmlServer = http.createServer((_req, res) =>
    res.writeHead(200, { "Content-Type": "text/html" }).end("<!doctype html><title>Sign in</title>"),
  );
  await new Promise<void>((resolve) => htmlServer.listen(0, "127.0.0.1", resolve));
  // A port nothing listens on: take a free one and close it again.
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const closedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  proxy = directServiceProxy({
    [serviceKey(query.namespace, query.service, query.port)]: fixture.query.url,
    [serviceKey(sidecar.namespace, sidecar.service, sidecar.port)]: side.url,
    [serviceKey(receiver.namespace, receiver.service, receiver.port)]: recv.url,
    [serviceKey(htmlPage.namespace, htmlPage.service, htmlPage.port)]:
      `http://127.0.0.1:${(htmlServer.address() as AddressInfo).port}`,
    [serviceKey(closed.namespace, closed.service, closed.port)]: `http://127.0.0.1:${closedPort}`,
  });
  fixture.setStore("10.0.1.7:10901", {
    type: "sidecar",
    labelSets: [{ prometheus_replica: "prometheus-k8s-0", cluster: "eu1" }],
  });
  fixture.setStore("10.0.1.8:10901", {
    type: "sidecar",
    labelSets: [{ prometheus_replica: "prometheus-k8s-1", cluster: "eu1" }],
  });
  fixture.setStore("thanos-store-0.thanos-store.monitoring.svc:10901", {
    type: "store",
    labelSets: [{ cluster: "eu1" }],
  });
});

afterAll(async () => {
  await fixture.stop();
  await new Promise<void>((resolve) => htmlServer.close(() => resolve()));
});

describe("readStores", () => {
  it("lists Query's endpoints by type with their external labels", async () => {
    const result = await readStores(proxy, query);
    if (!result.ok) throw new Error(result.error);
    expect(result.value.endpoints.map((e) => `${e.type} ${e.name} ${e.up ? "up" : "down"}`)).toEqual([
      "sidecar 10.0.1.7:10901 up",
      "sidecar 10.0.1.8:10901 up",
      "store thanos-store-0.thanos-store.monitoring.svc:10901 up",
    ]);
    expect(result.value.endpoints[0].labelSets).toEqual([{ cluster: "eu1", prometheus_replica: "prometheus-k8s-0" }]);
    expect(result.value.endpoints[0].maxTime).toBeNull(); // sidecars have no upper bound
  });

  it("shows a store that went down with Thanos's error and its last good check", async () => {
    const before = await readStores(proxy, query);
    if (!before.ok) throw new Error(before.error);
    fixture.setStore("10.0.1.8:10901", { up: false });
    try {
      const result = await readStores(proxy, query);
      if (!result.ok) throw new Error(result.error);
      const down = result.value.endpoints.find((e) => e.name === "10.0.1.8:10901")!;
      expect(down.up).toBe(false);
      expect(down.lastError).toContain("dial tcp 10.0.1.8:10901: connect: connection refused");
      expect(down.labelSets[0].prometheus_replica).toBe("prometheus-k8s-1"); // kept from the last good check
      expect(Date.parse(down.lastCheck!)).toBeLessThanOrEqual(Date.parse(result.checkedAt));
    } finally {
      fixture.setStore("10.0.1.8:10901", { up: true });
    }
  });

  it("reports a Thanos error envelope by its HTTP status and errorType, not its message", async () => {
    fixture.setStoresError({ errorType: "internal", error: "endpoint set is not initialised", httpStatus: 500 });
    try {
      const result = await readStores(proxy, query);
      expect(result).toMatchObject({ ok: false, kind: "http", httpStatus: 500 });
      if (!result.ok)
        expect(result.error).toBe("HTTP 500 from service monitoring/thanos-query:9090 /api/v1/stores: internal");
    } finally {
      fixture.setStoresError(null);
    }
  });

  it("times out on a slow Query within the per-call budget", async () => {
    fixture.setLatency(3000);
    try {
      const started = Date.now();
      const result = await readStores(proxy, query, { timeoutMs: 200 });
      expect(result).toMatchObject({
        ok: false,
        kind: "timeout",
        error: "timeout after 200 ms waiting for service monitoring/thanos-query:9090 /api/v1/stores",
      });
      expect(Date.now() - started).toBeLessThan(1500);
    } finally {
      fixture.setLatency(0);
    }
  });

  it("times out even when the proxy function ignores the abort signal", async () => {
    fixture.setLatency(Infinity);
    const deaf: FetchThroughProxy = (ns, svc, port, path) => proxy(ns, svc, port, path); // drops init.signal
    try {
      const result = await readStores(deaf, query, { timeoutMs: 150 });
      expect(result).toMatchObject({ ok: false, kind: "timeout" });
      expect(result.durationMs).toBeLessThan(1000);
    } finally {
      fixture.setLatency(0);
    }
  });

  it("says which path held HTML instead of JSON", async () => {
    const result = await readStores(proxy, htmlPage);
    expect(result).toMatchObject({ ok: false, kind: "parse" });
    if (!result.ok) {
      expect(result.error).toContain(
        "service monitoring/oauth-proxy:443 /api/v1/stores: Thanos Query /api/v1/stores: bad JSON at (root)",
      );
      // The page's text is the peer's, not ours to repeat to viewers and share guests.
      expect(result.error).not.toContain("Sign in");
    }
  });

  it("passes on the API server's Status reason (a one-word enum) when the service has no endpoints", async () => {
    const result = await readStores(proxy, { namespace: "monitoring", service: "thanos-query-missing", port: 9090 });
    expect(result).toMatchObject({ ok: false, kind: "http", httpStatus: 503 });
    if (!result.ok) {
      expect(result.error).toMatch(/: ServiceUnavailable$/);
      expect(result.error).not.toContain("no endpoints available");
    }
  });

  it("reports a refused connection as a network failure", async () => {
    const result = await readStores(proxy, closed);
    expect(result).toMatchObject({ ok: false, kind: "network" });
    if (!result.ok) expect(result.error).toContain("ECONNREFUSED");
  });

  it("stops when the caller cancels", async () => {
    fixture.setLatency(Infinity);
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const result = await readStores(proxy, query, { timeoutMs: 5000, signal: controller.signal });
      expect(result).toMatchObject({ ok: false, kind: "aborted" });
    } finally {
      fixture.setLatency(0);
    }
  });
});

describe("readHealth", () => {
  it("reads ready and healthy separately", async () => {
    const ok = await readHealth(proxy, query);
    expect(ok.ready).toMatchObject({ ok: true, value: { httpStatus: 200, body: "OK" } });
    expect(ok.healthy).toMatchObject({ ok: true, value: { httpStatus: 200, body: "OK" } });
    fixture.setReady(false);
    try {
      const notReady = await readHealth(proxy, query);
      expect(notReady.ready).toMatchObject({
        ok: false,
        kind: "http",
        httpStatus: 503,
        // The Service's own words stay in the server log.
        error: "HTTP 503 from service monitoring/thanos-query:9090 /-/ready: see the server log for the answer",
      });
      expect(notReady.healthy.ok).toBe(true);
    } finally {
      fixture.setReady(true);
    }
  });

  it("bounds each probe by the timeout", async () => {
    fixture.setLatency(2000, "prometheus-k8s-0-sidecar");
    try {
      const result = await readHealth(proxy, sidecar, { timeoutMs: 100 });
      expect(result.ready).toMatchObject({ ok: false, kind: "timeout" });
      expect(result.healthy).toMatchObject({ ok: false, kind: "timeout" });
    } finally {
      fixture.setLatency(0, "prometheus-k8s-0-sidecar");
    }
  });
});

describe("readUploadMetrics", () => {
  it("shows failing uploads and the last success of a sidecar", async () => {
    const lastSuccess = new Date("2026-11-21T07:30:00Z");
    fixture.setUploads("prometheus-k8s-0-sidecar", { uploads: 42, failures: 7, lastSuccess });
    const result = await readUploadMetrics(proxy, sidecar);
    if (!result.ok) throw new Error(result.error);
    expect(result.value).toMatchObject({
      shipperPresent: true,
      uploads: 42,
      failures: 7,
      lastSuccessfulUpload: lastSuccess.toISOString(),
    });
    expect(result.value.buckets).toEqual([
      { bucket: "thanos-eu1", labels: { bucket: "thanos-eu1" }, lastSuccessfulUpload: lastSuccess.toISOString() },
    ]);
  });

  it("keeps a receiver's tenants apart", async () => {
    fixture.setUploads("thanos-receive", { tenant: "default-tenant", uploads: 12 });
    fixture.setUploads("thanos-receive", { tenant: "team-a", uploads: 1, failures: 4 });
    const result = await readUploadMetrics(proxy, receiver);
    if (!result.ok) throw new Error(result.error);
    expect(result.value.shippers).toEqual([
      { labels: { tenant: "default-tenant" }, uploads: 12, failures: 0 },
      { labels: { tenant: "team-a" }, uploads: 1, failures: 4 },
    ]);
    expect(result.value.lastSuccessfulUpload).toBeNull();
  });

  it("rejects a body that is not exposition format", async () => {
    const result = await readUploadMetrics(proxy, htmlPage);
    expect(result).toMatchObject({ ok: false, kind: "parse" });
    if (!result.ok) expect(result.error).toContain("/metrics: metrics line 1: expected a metric name");
  });
});
