import { describe, expect, it } from "vitest";
import { parseBlockMeta, parseDeletionMark, parseStoresResponse } from "../thanos-types";

// As Thanos v0.3x writes it: Go int64 bounds unquoted, nanosecond lastCheck, null lastError.
const storesBody = `{"status":"success","data":{
 "sidecar":[
  {"name":"10.0.1.7:10901","lastCheck":"2026-11-21T11:59:58.123456789Z","lastError":null,
   "labelSets":[{"cluster":"eu1","prometheus":"monitoring/k8s","prometheus_replica":"prometheus-k8s-0"}],
   "minTime":1762300800000,"maxTime":9223372036854775807},
  {"name":"10.0.1.8:10901","lastCheck":"2026-11-21T12:59:31.5+01:00",
   "lastError":"rpc error: code = Unavailable desc = connection error: desc = \\"transport: Error while dialing: dial tcp 10.0.1.8:10901: connect: connection refused\\"",
   "labelSets":[{"cluster":"eu1","prometheus":"monitoring/k8s","prometheus_replica":"prometheus-k8s-1"}],
   "minTime":-62167219200000,"maxTime":9223372036854775807}],
 "store":[
  {"name":"thanos-store-0.thanos-store.monitoring.svc:10901","lastCheck":"2026-11-21T11:59:57Z","lastError":null,
   "labelSets":[{"cluster":"eu1","prometheus_replica":"prometheus-k8s-0"},{"cluster":"eu1","prometheus_replica":"prometheus-k8s-1"}],
   "minTime":1731974400000,"maxTime":1763712000000}]}}`;

describe("parseStoresResponse", () => {
  it("reads every endpoint with its type, health, labels and bounded times", () => {
    const result = parseStoresResponse(storesBody);
    if (!result.ok) throw new Error(result.error);
    const { endpoints } = result.value;
    expect(endpoints.map((e) => [e.type, e.name, e.up])).toEqual([
      ["sidecar", "10.0.1.7:10901", true],
      ["sidecar", "10.0.1.8:10901", false],
      ["store", "thanos-store-0.thanos-store.monitoring.svc:10901", true],
    ]);
    const [up, down, store] = endpoints;
    expect(up.labelSets[0].prometheus_replica).toBe("prometheus-k8s-0");
    expect(up.minTime).toBe(1762300800000);
    expect(up.maxTime).toBeNull(); // math.MaxInt64: no upper bound
    expect(down.minTime).toBeNull(); // Prometheus's year-0 minimum
    expect(down.lastError).toContain("connect: connection refused");
    expect(down.lastCheck).toBe("2026-11-21T12:59:31.5+01:00");
    expect(store.labelSets).toHaveLength(2);
    expect(store.maxTime).toBe(1763712000000);
  });

  it("accepts an empty data object, null arrays and null labelSets", () => {
    const empty = parseStoresResponse(`{"status":"success","data":{}}`);
    expect(empty).toEqual({ ok: true, value: { endpoints: [], warnings: [] } });
    const nulls = parseStoresResponse(
      `{"status":"success","data":{"sidecar":null,"rule":[{"name":"r:10901","lastCheck":"0001-01-01T00:00:00Z","lastError":"context deadline exceeded","labelSets":null,"minTime":-9223372036854775808,"maxTime":9223372036854775807}]},"warnings":["partial"]}`,
    );
    if (!nulls.ok) throw new Error(nulls.error);
    expect(nulls.value.warnings).toEqual(["partial"]);
    expect(nulls.value.endpoints).toEqual([
      {
        type: "rule",
        name: "r:10901",
        up: false,
        lastError: "context deadline exceeded",
        lastCheck: null,
        labelSets: [],
        minTime: null,
        maxTime: null,
      },
    ]);
  });

  it("turns a Thanos API error envelope into an error naming its type", () => {
    const result = parseStoresResponse(`{"status":"error","errorType":"internal","error":"endpoint set not ready"}`);
    expect(result).toEqual({
      ok: false,
      error: "Thanos Query /api/v1/stores answered internal error: endpoint set not ready",
    });
  });

  it("names the field that does not match Thanos's format", () => {
    const result = parseStoresResponse(
      `{"status":"success","data":{"store":[{"name":"s","lastCheck":"2026-11-21T11:59:57Z","lastError":42,"labelSets":[],"minTime":0,"maxTime":1}]}}`,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^Thanos Query \/api\/v1\/stores: data\.store\[0\]\.lastError: /);
    const missing = parseStoresResponse(`{"status":"success","data":{"store":[{"name":"s"}]}}`);
    if (missing.ok) throw new Error("expected failure");
    expect(missing.error).toContain("data.store[0].lastCheck");
    const badTime = parseStoresResponse(
      `{"status":"success","data":{"store":[{"name":"s","lastCheck":"yesterday","lastError":null,"labelSets":[],"minTime":0,"maxTime":1}]}}`,
    );
    if (badTime.ok) throw new Error("expected failure");
    expect(badTime.error).toContain("data.store[0].lastCheck");
    const noStatus = parseStoresResponse(`{"data":{}}`);
    if (noStatus.ok) throw new Error("expected failure");
    expect(noStatus.error).toContain("status");
  });

  it("reports bad JSON with where it breaks and what the body looked like", () => {
    const html = parseStoresResponse("<html><body>502 Bad Gateway</body></html>");
    if (html.ok) throw new Error("expected failure");
    expect(html.error).toMatch(/^Thanos Query \/api\/v1\/stores: bad JSON/);
    expect(html.error).toContain("502 Bad Gateway");
    const truncated = parseStoresResponse(`{"status":"success","data":{"sidecar":[`);
    if (truncated.ok) throw new Error("expected failure");
    expect(truncated.error).toMatch(
      /bad JSON at data.sidecar\[0\] \(line 1 column 40: expected a value, but the body ends\)/,
    );
    const midway = parseStoresResponse(`{"status":"success","data":{"store":[{"name":"s",}]}}`);
    if (midway.ok) throw new Error("expected failure");
    expect(midway.error).toContain('bad JSON at data.store[0] (line 1 column 50: expected a string, found "}")');
    const empty = parseStoresResponse("");
    expect(empty).toEqual({ ok: false, error: "Thanos Query /api/v1/stores: empty body, expected JSON" });
  });
});

// A compactor output block as Thanos writes it (tab-indented, shipper file list, hashes omitted).
const compactedMeta = `{
	"ulid": "01JCZ5R7Q8H3W2M9YB6T4N1XKD",
	"minTime": 1763337600000,
	"maxTime": 1763510400000,
	"stats": {"numSamples": 45081237, "numSeries": 18211, "numChunks": 377122},
	"compaction": {
		"level": 3,
		"sources": ["01JCXA0000000000000000000A", "01JCXA0000000000000000000B"],
		"parents": [{"ulid": "01JCXB0000000000000000000C", "minTime": 1763337600000, "maxTime": 1763366400000}]
	},
	"version": 1,
	"thanos": {
		"labels": {"cluster": "eu1", "prometheus_replica": "prometheus-k8s-0"},
		"downsample": {"resolution": 300000},
		"source": "compactor",
		"segment_files": ["000001"],
		"files": [{"rel_path": "chunks/000001", "size_bytes": 5423411}, {"rel_path": "index", "size_bytes": 1433222}, {"rel_path": "meta.json"}],
		"index_stats": {}
	}
}
`;

describe("parseBlockMeta", () => {
  it("reads ULID, time range, level, resolution, source and labels", () => {
    const result = parseBlockMeta(compactedMeta);
    if (!result.ok) throw new Error(result.error);
    expect(result.value.ulid).toBe("01JCZ5R7Q8H3W2M9YB6T4N1XKD");
    expect(result.value.compaction.level).toBe(3);
    expect(result.value.thanos.downsample.resolution).toBe(300000);
    expect(result.value.thanos.source).toBe("compactor");
    expect(result.value.thanos.labels).toEqual({ cluster: "eu1", prometheus_replica: "prometheus-k8s-0" });
    expect(result.value.thanos.files?.[0]).toEqual({ rel_path: "chunks/000001", size_bytes: 5423411 });
  });

  it("applies Go's zero values like metadata.Read: null labels and a missing thanos section", () => {
    const nullLabels = parseBlockMeta(
      `{"ulid":"01JCZ5R7Q8H3W2M9YB6T4N1XKD","minTime":0,"maxTime":7200000,"compaction":{"level":1},"version":1,"thanos":{"labels":null,"downsample":{"resolution":0},"source":"sidecar"}}`,
    );
    if (!nullLabels.ok) throw new Error(nullLabels.error);
    expect(nullLabels.value.thanos.labels).toEqual({});
    const plainTsdb = parseBlockMeta(
      `{"ulid":"01JCZ5R7Q8H3W2M9YB6T4N1XKD","minTime":0,"maxTime":7200000,"compaction":{"level":1},"version":1}`,
    );
    if (!plainTsdb.ok) throw new Error(plainTsdb.error);
    expect(plainTsdb.value.thanos).toMatchObject({ labels: {}, downsample: { resolution: 0 }, source: "" });
  });

  it("rejects what Thanos rejects, naming the field", () => {
    const v2 = parseBlockMeta(
      compactedMeta.replace(`"version": 1`, `"version": 2`),
      "01JCZ5R7Q8H3W2M9YB6T4N1XKD/meta.json",
    );
    expect(v2).toEqual({ ok: false, error: "01JCZ5R7Q8H3W2M9YB6T4N1XKD/meta.json: unexpected meta file version 2" });
    const badUlid = parseBlockMeta(compactedMeta.replace("01JCZ5R7Q8H3W2M9YB6T4N1XKD", "not-a-ulid"));
    if (badUlid.ok) throw new Error("expected failure");
    expect(badUlid.error).toMatch(/^meta\.json: ulid: expected a 26-character ULID/);
    const badLevel = parseBlockMeta(compactedMeta.replace(`"level": 3`, `"level": "three"`));
    if (badLevel.ok) throw new Error("expected failure");
    expect(badLevel.error).toContain("compaction.level");
    const inverted = parseBlockMeta(compactedMeta.replace(`"maxTime": 1763510400000`, `"maxTime": 1`));
    if (inverted.ok) throw new Error("expected failure");
    expect(inverted.error).toContain("is before minTime");
    const cut = parseBlockMeta(compactedMeta.slice(0, 200));
    if (cut.ok) throw new Error("expected failure");
    expect(cut.error).toMatch(/^meta\.json: bad JSON/);
  });
});

describe("parseDeletionMark", () => {
  it("reads the block id and the Unix-seconds deletion time", () => {
    const mark = parseDeletionMark(
      `{"id":"01JCZ5R7Q8H3W2M9YB6T4N1XKD","version":1,"details":"source of compacted block","deletion_time":1763700000}`,
    );
    expect(mark).toEqual({
      ok: true,
      value: {
        id: "01JCZ5R7Q8H3W2M9YB6T4N1XKD",
        version: 1,
        details: "source of compacted block",
        deletion_time: 1763700000,
      },
    });
    const wrong = parseDeletionMark(`{"id":"01JCZ5R7Q8H3W2M9YB6T4N1XKD","version":1}`);
    if (wrong.ok) throw new Error("expected failure");
    expect(wrong.error).toContain("deletion_time");
  });
});
