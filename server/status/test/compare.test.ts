import { describe, expect, it } from "vitest";
import { assessProbes, assessUploads, compareStores, type ExpectedStore } from "../compare";
import type { HealthReading, ReadResult, ProbeAnswer } from "../readers";
import { parseStoresResponse, type StoresSnapshot } from "../thanos-types";
import type { UploadMetrics } from "../upload-metrics";

function snapshot(body: string): StoresSnapshot {
  const parsed = parseStoresResponse(body);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

const ep = (name: string, labels: Record<string, string>[], lastError: string | null = null) =>
  `{"name":"${name}","lastCheck":"2026-11-21T12:00:00Z","lastError":${JSON.stringify(lastError)},"labelSets":${JSON.stringify(labels)},"minTime":0,"maxTime":9223372036854775807}`;

const seen = snapshot(`{"status":"success","data":{
  "sidecar":[${ep("10.0.1.7:10901", [{ cluster: "eu1", prometheus_replica: "p-0" }])},
             ${ep("10.0.1.8:10901", [{ cluster: "eu1", prometheus_replica: "p-1" }], "connection refused")},
             ${ep("10.0.1.9:10901", [{ cluster: "eu1", prometheus_replica: "p-9" }])}],
  "store":[${ep("thanos-store-0.thanos-store.monitoring.svc:10901", [
    { cluster: "eu1", prometheus_replica: "p-0" },
    { cluster: "eu1", prometheus_replica: "p-1" },
  ])}],
  "rule":[${ep("thanos-rule-0:10901", [{ cluster: "eu1", rule_replica: "r-0" }])}]}}`);

describe("compareStores", () => {
  it("finds each designed endpoint up, down, missing or mislabelled, and flags extras", () => {
    const expected: ExpectedStore[] = [
      { componentId: "prom-0", type: "sidecar", externalLabels: { prometheus_replica: "p-0" } },
      { componentId: "prom-1", type: "sidecar", externalLabels: { prometheus_replica: "p-1" } },
      { componentId: "prom-2", type: "sidecar", externalLabels: { prometheus_replica: "p-2" } },
      { componentId: "gateway", type: "store" },
      { componentId: "ruler", type: "rule", name: "thanos-rule-0:10901", externalLabels: { rule_replica: "r-1" } },
      { componentId: "receiver", type: "receive" },
    ];
    const findings = compareStores(expected, seen);
    const summary = findings.map((f) => `${f.kind} ${"componentId" in f ? f.componentId : f.endpoint.name}`);
    expect(summary.sort()).toEqual(
      [
        "up prom-0",
        "down prom-1",
        "missing prom-2",
        "up gateway",
        "mismatch ruler",
        "missing receiver",
        "unexpected 10.0.1.9:10901",
      ].sort(),
    );
    const down = findings.find((f) => f.kind === "down")!;
    expect(down.kind === "down" && down.reason).toBe("Query cannot reach 10.0.1.8:10901: connection refused");
    const mismatch = findings.find((f) => f.kind === "mismatch")!;
    expect(mismatch.kind === "mismatch" && mismatch.reason).toBe(
      `thanos-rule-0:10901 advertises {cluster="eu1",rule_replica="r-0"}, the design expects {rule_replica="r-1"}`,
    );
    const missing = findings.find((f) => f.kind === "missing" && f.componentId === "prom-2")!;
    expect(missing.kind === "missing" && missing.reason).toMatch(
      /^Query lists no sidecar with labels \{prometheus_replica="p-2"\}; Thanos leaves out endpoints/,
    );
  });

  it("prefers the live endpoint when a replaced pod's old address lingers", () => {
    const twice = snapshot(
      `{"status":"success","data":{"sidecar":[${ep("10.0.1.3:10901", [{ r: "p-0" }], "i/o timeout")},${ep("10.0.1.4:10901", [{ r: "p-0" }])}]}}`,
    );
    const findings = compareStores([{ componentId: "prom-0", type: "sidecar", externalLabels: { r: "p-0" } }], twice);
    expect(findings.map((f) => f.kind)).toEqual(["up", "unexpected"]);
    expect(findings[1].kind === "unexpected" && findings[1].reason).toBe(
      `Query uses sidecar 10.0.1.3:10901 {r="p-0"} (down), which the design does not connect to it`,
    );
  });

  it("reports everything missing against an empty store list", () => {
    const findings = compareStores([{ componentId: "gw", type: "store" }], { endpoints: [], warnings: [] });
    expect(findings).toEqual([
      { kind: "missing", componentId: "gw", type: "store", reason: expect.stringContaining("Query lists no store;") },
    ]);
  });
});

const okProbe: ReadResult<ProbeAnswer> = {
  ok: true,
  value: { httpStatus: 200, body: "OK" },
  checkedAt: "",
  durationMs: 1,
};
const httpFail = (error: string): ReadResult<ProbeAnswer> => ({
  ok: false,
  kind: "http",
  httpStatus: 503,
  error,
  checkedAt: "",
  durationMs: 1,
});

describe("assessProbes", () => {
  it("maps probe answers to badges", () => {
    const reading = (ready: ReadResult<ProbeAnswer>, healthy: ReadResult<ProbeAnswer>): HealthReading => ({
      ready,
      healthy,
    });
    expect(assessProbes(reading(okProbe, okProbe))).toEqual({ state: "Healthy", reason: "ready and healthy" });
    // Healthy but not ready is a component starting up.
    expect(assessProbes(reading(httpFail('HTTP 503 …: "NOT OK"'), okProbe))).toEqual({
      state: "Progressing",
      reason: 'not ready: HTTP 503 …: "NOT OK"',
    });
    expect(assessProbes(reading(httpFail("a"), httpFail("b")))).toEqual({
      state: "Degraded",
      reason: "not healthy: b",
    });
    const timeout: ReadResult<ProbeAnswer> = {
      ok: false,
      kind: "timeout",
      error: "timeout after 5000 ms waiting for x",
      checkedAt: "",
      durationMs: 5000,
    };
    expect(assessProbes(reading(timeout, okProbe))).toEqual({
      state: "Unknown",
      reason: "timeout after 5000 ms waiting for x",
    });
  });
});

describe("assessUploads", () => {
  const now = new Date("2026-11-21T12:00:00Z");
  const metrics = (uploads: number, failures: number, last: string | null): UploadMetrics => ({
    shipperPresent: true,
    shippers: [{ labels: {}, uploads, failures }],
    uploads,
    failures,
    buckets: [],
    lastSuccessfulUpload: last,
  });
  it("is healthy while blocks keep arriving, degraded when uploads fail", () => {
    expect(assessUploads(metrics(31, 0, "2026-11-21T11:20:00.000Z"), now)).toEqual({
      state: "Healthy",
      reason: "31 blocks uploaded; last 40m ago",
    });
    expect(assessUploads(metrics(31, 4, "2026-11-21T07:00:00.000Z"), now)).toEqual({
      state: "Degraded",
      reason: "4 failed block uploads; last success 5h 0m ago",
    });
    expect(
      assessUploads(metrics(31, 5, "2026-11-21T11:00:00.000Z"), now, metrics(31, 4, "2026-11-21T11:00:00.000Z")),
    ).toEqual({
      state: "Degraded",
      reason: "1 block upload failed since the last check; last success 1h 0m ago",
    });
    expect(
      assessUploads(metrics(32, 5, "2026-11-21T11:59:00.000Z"), now, metrics(31, 4, "2026-11-21T11:00:00.000Z")).state,
    ).toBe("Healthy");
    expect(assessUploads({ ...metrics(0, 0, null), shipperPresent: false, shippers: [] }, now).state).toBe("Unknown");
  });
});
