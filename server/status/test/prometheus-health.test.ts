// readHealth against a real Prometheus process (Debian's /usr/bin/prometheus), the way Prometheus
// components of a design are probed.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { directServiceProxy } from "@/e2e/thanos-fixture/direct-proxy";
import { assessProbes } from "../compare";
import { readHealth, readUploadMetrics } from "../readers";

const target = { namespace: "monitoring", service: "prometheus-k8s", port: "web" };
let prometheus: ChildProcess | undefined;
let dir: string;
let proxy: ReturnType<typeof directServiceProxy>;

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "status-prom-"));
  fs.writeFileSync(
    path.join(dir, "prometheus.yml"),
    "global:\n  scrape_interval: 15s\n  external_labels:\n    prometheus_replica: prometheus-k8s-0\n",
  );
  const port = await freePort();
  prometheus = spawn(
    "/usr/bin/prometheus",
    [
      `--config.file=${path.join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${path.join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: "ignore" },
  );
  proxy = directServiceProxy({ "monitoring/prometheus-k8s:web": `http://127.0.0.1:${port}` });
  for (let i = 0; i < 100; i++) {
    const reading = await readHealth(proxy, target, { timeoutMs: 500 });
    if (reading.ready.ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("prometheus did not become ready in 10 s");
});

afterAll(async () => {
  if (prometheus && prometheus.exitCode === null) {
    const exited = new Promise((resolve) => prometheus!.once("exit", resolve));
    prometheus.kill("SIGTERM");
    await exited;
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("readHealth against a real Prometheus", () => {
  it("reads its ready and healthy answers", async () => {
    const reading = await readHealth(proxy, target);
    expect(reading.ready).toMatchObject({
      ok: true,
      value: { httpStatus: 200, body: expect.stringContaining("Prometheus Server is Ready.") },
    });
    expect(reading.healthy).toMatchObject({
      ok: true,
      value: { httpStatus: 200, body: expect.stringContaining("Prometheus Server is Healthy.") },
    });
    expect(assessProbes(reading)).toEqual({ state: "Healthy", reason: "ready and healthy" });
  });

  it("parses its real /metrics and finds no shipper there", async () => {
    const result = await readUploadMetrics(proxy, target);
    if (!result.ok) throw new Error(result.error);
    expect(result.value.shipperPresent).toBe(false);
  });

  // Directly a refused connection; behind the API server proxy it becomes an HTTP 503 Status (down).
  it("leaves a stopped process unknown when the connection itself is refused", async () => {
    const exited = new Promise((resolve) => prometheus!.once("exit", resolve));
    prometheus!.kill("SIGTERM");
    await exited;
    const reading = await readHealth(proxy, target, { timeoutMs: 1000 });
    expect(reading.ready).toMatchObject({ ok: false, kind: "network" });
    expect(assessProbes(reading).state).toBe("Unknown");
  });
});
