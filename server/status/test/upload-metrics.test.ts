import { describe, expect, it } from "vitest";
import { parseExposition } from "../exposition";
import { parseUploadMetrics } from "../upload-metrics";

// Shaped like client_golang's text output of a Thanos sidecar.
const sidecarMetrics = `# HELP go_goroutines Number of goroutines that currently exist.
# TYPE go_goroutines gauge
go_goroutines 87
# HELP http_request_duration_seconds Tracks the latencies for HTTP requests.
# TYPE http_request_duration_seconds histogram
http_request_duration_seconds_bucket{code="200",handler="metrics",method="get",le="0.005"} 12
http_request_duration_seconds_bucket{code="200",handler="metrics",method="get",le="+Inf"} 14
http_request_duration_seconds_sum{code="200",handler="metrics",method="get"} 0.0431
http_request_duration_seconds_count{code="200",handler="metrics",method="get"} 14
# HELP thanos_objstore_bucket_last_successful_upload_time Second timestamp of the last successful upload to the bucket.
# TYPE thanos_objstore_bucket_last_successful_upload_time gauge
thanos_objstore_bucket_last_successful_upload_time{bucket="thanos-eu1"} 1.7637264e+09
# HELP thanos_shipper_upload_failures_total Total number of block upload failures
# TYPE thanos_shipper_upload_failures_total counter
thanos_shipper_upload_failures_total 2
# HELP thanos_shipper_uploads_total Total number of uploaded blocks
# TYPE thanos_shipper_uploads_total counter
thanos_shipper_uploads_total 31
`;

describe("parseExposition", () => {
  it("reads names, escaped labels, special floats, timestamps and HELP/TYPE", () => {
    const text = [
      "# HELP weird_total A \\\\ backslash\\nand newline",
      "# TYPE weird_total counter",
      'weird_total{path="C:\\\\tmp",msg="say \\"hi\\"\\nbye",brace="}",} 3 1763726400000',
      "nan_gauge NaN",
      "pos_inf +Inf",
      'neg_inf{le="x"} -Inf',
      "sci 1.5e-3",
    ].join("\n"); // no trailing newline on purpose
    const result = parseExposition(text);
    if (!result.ok) throw new Error(result.error);
    const [weird, nan, pos, neg, sci] = result.value.samples;
    expect(weird).toEqual({
      name: "weird_total",
      labels: { path: "C:\\tmp", msg: 'say "hi"\nbye', brace: "}" },
      value: 3,
      timestampMs: 1763726400000,
    });
    expect(result.value.families.get("weird_total")).toEqual({ type: "counter", help: "A \\ backslash\nand newline" });
    expect(nan.value).toBeNaN();
    expect(pos.value).toBe(Infinity);
    expect(neg.value).toBe(-Infinity);
    expect(sci.value).toBe(0.0015);
  });

  it("fails on an HTML page or a broken label instead of inventing samples", () => {
    const html = parseExposition("<html>\n<body>Service Unavailable</body>\n</html>\n");
    expect(html).toEqual({ ok: false, error: 'metrics line 1: expected a metric name in "<html>"' });
    const open = parseExposition('up{job="a} 1\n');
    if (open.ok) throw new Error("expected failure");
    expect(open.error).toContain('unterminated value of label "job"');
    const value = parseExposition("up one\n");
    if (value.ok) throw new Error("expected failure");
    expect(value.error).toContain('invalid sample value "one"');
    const noValue = parseExposition("ok 1\nup\n");
    if (noValue.ok) throw new Error("expected failure");
    expect(noValue.error).toMatch(/^metrics line 2: /);
  });
});

describe("parseUploadMetrics", () => {
  it("extracts shipper counters and the last successful upload of a sidecar", () => {
    const result = parseUploadMetrics(sidecarMetrics);
    if (!result.ok) throw new Error(result.error);
    expect(result.value).toEqual({
      shipperPresent: true,
      shippers: [{ labels: {}, uploads: 31, failures: 2 }],
      uploads: 31,
      failures: 2,
      buckets: [
        { bucket: "thanos-eu1", labels: { bucket: "thanos-eu1" }, lastSuccessfulUpload: "2025-11-21T12:00:00.000Z" },
      ],
      lastSuccessfulUpload: "2025-11-21T12:00:00.000Z",
    });
  });

  it("keeps a receiver's tenants apart and totals them", () => {
    const receiver = [
      'thanos_shipper_uploads_total{tenant="default-tenant"} 10',
      'thanos_shipper_uploads_total{tenant="team-a"} 4',
      'thanos_shipper_upload_failures_total{tenant="team-a"} 3',
      'thanos_shipper_upload_failures_total{tenant="default-tenant"} 0',
      'thanos_objstore_bucket_last_successful_upload_time{bucket="thanos"} 0',
      "",
    ].join("\n");
    const result = parseUploadMetrics(receiver);
    if (!result.ok) throw new Error(result.error);
    expect(result.value.shippers).toEqual([
      { labels: { tenant: "default-tenant" }, uploads: 10, failures: 0 },
      { labels: { tenant: "team-a" }, uploads: 4, failures: 3 },
    ]);
    expect(result.value.uploads).toBe(14);
    expect(result.value.failures).toBe(3);
    expect(result.value.lastSuccessfulUpload).toBeNull(); // gauge at 0: never uploaded
  });

  it("says when no shipper runs (no object store configured)", () => {
    const result = parseUploadMetrics("go_goroutines 12\n");
    if (!result.ok) throw new Error(result.error);
    expect(result.value.shipperPresent).toBe(false);
    expect(result.value.buckets).toEqual([]);
  });
});
