// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import type { BucketView, QueryStores, StatusReport } from "../api";
import { pollDelay } from "../api";
import { BucketTimeline } from "../BucketTimeline";
import { StatusDrawer } from "../StatusDrawer";
import { StoresTable } from "../StoresTable";

afterEach(cleanup);

const NOW = Date.parse("2026-11-21T12:00:00Z");
const HOUR = 3600_000;

const stores: QueryStores[] = [
  {
    queryId: "query",
    queryName: "thanos-query",
    cluster: "prod",
    checkedAt: new Date(NOW).toISOString(),
    expected: 3,
    seen: 3,
    rows: [
      {
        state: "down",
        type: "store",
        name: "10.0.0.9:10901",
        componentId: "store",
        componentName: "thanos-store",
        labelSets: [],
        minTime: NOW - 30 * 24 * HOUR,
        maxTime: NOW - 2 * HOUR,
        lastCheck: new Date(NOW - 120_000).toISOString(),
        lastError: "connection refused",
        reason: "Query cannot reach 10.0.0.9:10901: connection refused",
      },
      {
        state: "missing",
        type: "rule",
        componentId: "ruler",
        componentName: "thanos-rule",
        labelSets: [],
        minTime: null,
        maxTime: null,
        lastCheck: null,
        lastError: null,
        reason: "Query lists no rule",
      },
      {
        state: "up",
        type: "sidecar",
        name: "10.0.0.7:10901",
        componentId: "prometheus",
        componentName: "prometheus",
        labelSets: [{ cluster: "prod", prometheus_replica: "prometheus-0" }],
        minTime: NOW - 48 * HOUR,
        maxTime: null,
        lastCheck: new Date(NOW - 5000).toISOString(),
        lastError: null,
      },
    ],
  },
];

const block = (ulid: string, minTime: number, maxTime: number, level: number, resolution = 0) => ({
  ulid,
  labels: { cluster: "prod" },
  minTime,
  maxTime,
  level,
  resolution,
  source: level === 1 ? "sidecar" : "compactor",
  arrivedAt: new Date(maxTime + HOUR).toISOString(),
});

const bucket: BucketView = {
  componentId: "bucket",
  componentName: "thanos",
  bucket: "thanos",
  state: "Degraded",
  reason: "4 blocks in 2 label sets; newest arrived 40m ago",
  checkedAt: new Date(NOW).toISOString(),
  groups: [
    {
      key: '{cluster="prod"}',
      labels: { cluster: "prod" },
      blocks: [
        block("01A", NOW - 20 * 24 * HOUR, NOW - 6 * 24 * HOUR, 4),
        block("01B", NOW - 20 * 24 * HOUR, NOW - 6 * 24 * HOUR, 4, 300_000),
        block("01C", NOW - 4 * HOUR, NOW - 2 * HOUR, 1),
      ],
      newestAgeMs: 40 * 60_000,
      newestArrivedAt: new Date(NOW - 40 * 60_000).toISOString(),
      lastUploadAt: null,
      dataUntil: NOW - 2 * HOUR,
    },
    {
      key: '{cluster="edge"}',
      labels: { cluster: "edge" },
      blocks: [block("01D", NOW - 8 * HOUR, NOW - 6 * HOUR, 1)],
      newestAgeMs: 5 * HOUR,
      newestArrivedAt: new Date(NOW - 5 * HOUR).toISOString(),
      lastUploadAt: null,
      dataUntil: NOW - 6 * HOUR,
    },
  ],
  warnings: [
    {
      componentId: "prometheus-edge",
      labels: { cluster: "edge" },
      lastUploadAt: new Date(NOW - 5 * HOUR).toISOString(),
      silentForMs: 5 * HOUR,
      message: 'no block with {cluster="edge"} arrived for 5h 0m',
    },
  ],
  truncatedBlocks: 0,
};

describe("StoresTable", () => {
  it("lists each endpoint with its state and finding, and jumps to the component", () => {
    const pick = vi.fn();
    render(<StoresTable stores={stores} now={NOW} onPickComponent={pick} />);
    const rows = screen.getAllByTestId("store-row");
    expect(rows.map((r) => r.getAttribute("data-state"))).toEqual(["down", "missing", "up"]);
    expect(within(rows[0]).getByText("Query cannot reach 10.0.0.9:10901: connection refused")).toBeTruthy();
    expect(within(rows[2]).getByText("cluster=prod prometheus_replica=prometheus-0")).toBeTruthy();
    expect(within(rows[2]).getByText("+∞")).toBeTruthy();
    expect(screen.getByText("2 findings")).toBeTruthy();
    fireEvent.click(within(rows[0]).getByRole("button", { name: "thanos-store" }));
    expect(pick).toHaveBeenCalledWith("store");
  });

  it("says when Query could not be asked at all", () => {
    render(
      <StoresTable
        stores={[{ ...stores[0], rows: [], error: "HTTP 503 from service prod/thanos-query:9090" }]}
        now={NOW}
      />,
    );
    expect(screen.getByText(/Could not read \/api\/v1\/stores: HTTP 503/)).toBeTruthy();
  });
});

describe("BucketTimeline", () => {
  it("draws one lane per label set with a bar per block in range, and lists upload warnings", () => {
    render(<BucketTimeline buckets={[bucket]} now={NOW} />);
    expect(screen.getAllByTestId("bucket-lane")).toHaveLength(2);
    // Default range (2 weeks) still shows the tail of the 14-day level-4 blocks.
    expect(screen.getAllByTestId("bucket-block")).toHaveLength(4);
    expect(screen.getByTestId("upload-warnings").textContent).toContain(
      'no block with {cluster="edge"} arrived for 5h',
    );
    fireEvent.click(screen.getByRole("button", { name: "2 days" }));
    expect(screen.getAllByTestId("bucket-block")).toHaveLength(2);
    const lane = screen.getAllByTestId("bucket-lane")[1];
    expect(lane.textContent).toContain("5h ago");
    // The level-4 5m block carries its details in a tooltip.
    fireEvent.click(screen.getByRole("button", { name: "All" }));
    const titles = screen.getAllByTestId("bucket-block").map((b) => b.querySelector("title")?.textContent ?? "");
    expect(titles.some((t) => t.includes("level 4 · 5m · compactor"))).toBe(true);
  });

  it("says labels every lane shares once, and shows each lane what tells it apart", () => {
    const shared = {
      ...bucket,
      warnings: [],
      groups: bucket.groups.map((g, i) => ({ ...g, labels: { cluster: "eu1", replica: `r-${i}` } })),
    };
    render(<BucketTimeline buckets={[shared]} now={NOW} />);
    expect(screen.getByText("every label set has").parentElement?.textContent).toContain("cluster=eu1");
    const lanes = screen.getAllByTestId("bucket-lane");
    expect(lanes.map((l) => l.textContent?.includes("cluster=eu1"))).toEqual([false, false]);
    expect(lanes[1].textContent).toContain("replica=r-1");
  });
});

describe("StatusDrawer", () => {
  it("leads with the reason, then each check, workload pods and probe answers", () => {
    const report = {
      designId: "d",
      revision: 2,
      revisionSource: "deployed",
      checkedAt: new Date(NOW).toISOString(),
      durationMs: 10,
      clusters: [],
      stores,
      uploads: { metrics: [], buckets: [] },
      components: {
        store: {
          state: "Degraded",
          reason:
            "0/1 StoreAPI endpoint up in Query thanos-query: Query cannot reach 10.0.0.9:10901: connection refused",
          checkedAt: new Date(NOW - 3000).toISOString(),
          details: {
            kind: "storeGateway",
            name: "thanos-store",
            cluster: "prod",
            signals: [
              { source: "workload", state: "Healthy", reason: "1/1 replicas ready (StatefulSet thanos-store)" },
              { source: "stores", state: "Degraded", reason: "0/1 StoreAPI endpoint up" },
            ],
            workloads: [
              {
                kind: "StatefulSet",
                namespace: "mon",
                name: "thanos-store",
                desired: 1,
                ready: 1,
                updated: 1,
                found: true,
                health: { status: "Healthy", message: "1/1 replicas ready" },
                pods: [{ name: "thanos-store-0", phase: "Running", ready: true, restarts: 0 }],
              },
            ],
            probes: [
              {
                role: "http",
                service: "thanos-store",
                port: 10902,
                ready: { ok: true, detail: "HTTP 200 OK", durationMs: 3 },
                healthy: { ok: false, detail: "HTTP 503 NOT OK", durationMs: 3 },
              },
            ],
          },
        },
      },
    } as StatusReport;
    const close = vi.fn();
    render(
      <StatusDrawer componentId="store" status={report.components.store} report={report} now={NOW} onClose={close} />,
    );
    expect(screen.getByTestId("drawer-state").textContent).toBe("Degraded");
    expect(screen.getByTestId("drawer-reason").textContent).toContain("Query cannot reach 10.0.0.9:10901");
    expect(screen.getByText("1/1 replicas ready (StatefulSet thanos-store)")).toBeTruthy();
    expect(screen.getByText("thanos-store-0")).toBeTruthy();
    expect(screen.getByText(/HTTP 503 NOT OK/)).toBeTruthy();
    expect(screen.getByText("in thanos-query")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Close status details" }));
    expect(close).toHaveBeenCalled();
  });
});

describe("polling backoff", () => {
  it("polls every 5 s and doubles per consecutive failure up to a minute", () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => pollDelay(n))).toEqual([5000, 10_000, 20_000, 40_000, 60_000, 60_000]);
  });
});
