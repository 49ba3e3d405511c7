import http from "node:http";
import type { AddressInfo } from "node:net";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEEDED_LABEL_SETS, startBucketFixture, type BucketFixture } from "@/e2e/bucket-fixture";
import { mapBounded } from "../bounded";
import { buildTimeline, createBucketClient, listBlocks, type BlockListing } from "../bucket";
import { formatLabels } from "../labels";

const now = new Date();
let fixture: BucketFixture;
let listing: BlockListing;

const access = () => ({
  endpoint: fixture.endpoint,
  bucket: fixture.bucket,
  accessKeyId: fixture.accessKey,
  secretAccessKey: fixture.secretKey,
});

beforeAll(async () => {
  fixture = await startBucketFixture({ now });
  const result = await listBlocks(createBucketClient(access()), fixture.bucket, { concurrency: 4 });
  if (!result.ok) throw new Error(result.error);
  listing = result.value;
});
afterAll(() => fixture?.stop());

describe("listBlocks against s3rver", () => {
  it("reads every live block's meta.json and skips marked and partial ones, saying so", () => {
    const live = fixture.blocks.filter((b) => b.state === "live");
    expect(listing.blocks.map((b) => b.ulid).sort()).toEqual(live.map((b) => b.ulid).sort());
    const marked = fixture.blocks.filter((b) => b.state === "deletion-marked");
    expect(marked).toHaveLength(1);
    expect(listing.deletionMarked).toEqual([
      {
        ulid: marked[0].ulid,
        markedAt: new Date(Math.floor((now.getTime() - 30 * 60_000) / 1000) * 1000).toISOString(),
        details: "source of compacted block",
        labels: marked[0].labels,
      },
    ]);
    expect(listing.partial).toEqual(fixture.blocks.filter((b) => b.state === "partial").map((b) => b.ulid));
    expect(listing.invalid).toEqual([]);
    const one = listing.blocks.find((b) => b.ulid === live[0].ulid)!;
    expect(one).toMatchObject({
      level: live[0].level,
      resolution: live[0].resolution,
      source: live[0].source,
      labels: live[0].labels,
    });
    expect(one.sizeBytes).toBeGreaterThan(0);
  });
});

describe("buildTimeline", () => {
  it("groups blocks per external-label set, sorted by minTime, with levels and resolutions", () => {
    const timeline = buildTimeline(listing, { now });
    expect(timeline.groups.map((g) => g.key)).toEqual(SEEDED_LABEL_SETS.map(formatLabels).sort());
    for (const group of timeline.groups) {
      const mins = group.blocks.map((b) => b.minTime);
      expect(mins).toEqual([...mins].sort((a, b) => a - b));
      expect(new Set(group.blocks.map((b) => b.level))).toEqual(new Set([1, 2, 3, 4]));
      expect(new Set(group.blocks.map((b) => b.resolution))).toEqual(new Set([0, 300_000, 3_600_000]));
    }
    const fresh = timeline.groups.find((g) => g.labels.prometheus_replica === "prometheus-k8s-shard-0-1")!;
    expect(fresh.newest!.ageMs).toBe(40 * 60_000);
    expect(fresh.lastUploadAt).toBe(fresh.newest!.arrivedAt);
    expect(timeline.skipped.partial).toHaveLength(1);
    expect(timeline.skipped.deletionMarked).toHaveLength(1);
  });

  it("warns for the sidecar whose blocks stopped arriving more than 3 hours ago", () => {
    const uploaders = SEEDED_LABEL_SETS.map((labels) => ({ componentId: labels.prometheus_replica, labels }));
    const timeline = buildTimeline(listing, { now, uploaders });
    expect(timeline.warnings).toHaveLength(1);
    expect(timeline.warnings[0]).toMatchObject({ componentId: "prometheus-k8s-shard-1-1", silentForMs: 5 * 3600_000 });
    expect(timeline.warnings[0].message).toMatch(
      /^no block with \{.*prometheus_replica="prometheus-k8s-shard-1-1".*\} arrived for 5h 0m \(last at /,
    );
  });

  it("does not count compactor output as an upload, and waits after a fresh deployment", () => {
    const newcomer = { cluster: "eu2", prometheus_replica: "prometheus-k8s-0" };
    const justDeployed = buildTimeline(listing, {
      now,
      uploaders: [{ componentId: "eu2", labels: newcomer, deployedAt: new Date(now.getTime() - 3600_000) }],
    });
    expect(justDeployed.warnings).toEqual([]);
    const longAgo = buildTimeline(listing, {
      now,
      uploaders: [{ componentId: "eu2", labels: newcomer, deployedAt: new Date(now.getTime() - 4 * 3600_000) }],
    });
    expect(longAgo.warnings[0].message).toBe(
      `no block with {cluster="eu2",prometheus_replica="prometheus-k8s-0"} has reached the bucket in the 4h 0m since deployment`,
    );
    // Only compactor blocks for this label set: still a warning, compaction is not new data.
    const onlyCompacted: BlockListing = { ...listing, blocks: listing.blocks.filter((b) => b.source === "compactor") };
    const compacted = buildTimeline(onlyCompacted, {
      now,
      uploaders: [{ componentId: "s0", labels: SEEDED_LABEL_SETS[0] }],
    });
    expect(compacted.warnings[0].message).toContain("has reached the bucket");
  });
});

describe("listBlocks edge cases", () => {
  let empty: BucketFixture;
  beforeAll(async () => {
    empty = await startBucketFixture({ seed: false, bucket: "other" });
  });
  afterAll(() => empty?.stop());
  const emptyAccess = () => ({
    endpoint: empty.endpoint,
    bucket: empty.bucket,
    accessKeyId: empty.accessKey,
    secretAccessKey: empty.secretKey,
  });

  it("returns an empty listing for an empty bucket", async () => {
    const result = await listBlocks(createBucketClient(emptyAccess()), empty.bucket);
    expect(result).toMatchObject({
      ok: true,
      value: { blocks: [], deletionMarked: [], partial: [], invalid: [], ignoredPrefixes: [] },
    });
  });

  it("reports unreadable meta.json, ignores non-block prefixes, and clears a warning once a block arrives", async () => {
    const client = createBucketClient(emptyAccess());
    const labels = { cluster: "eu1", prometheus_replica: "p-0" };
    const put = (Key: string, Body: string) => client.send(new PutObjectCommand({ Bucket: empty.bucket, Key, Body }));
    await put("01JD0000000000000000000000/meta.json", '{"ulid":');
    // s3rver only reports a common prefix for keys directly under it, so no deeper path here.
    await put("debug/notes.json", "{}");
    const before = await listBlocks(client, empty.bucket);
    if (!before.ok) throw new Error(before.error);
    expect(before.value.invalid).toEqual([
      {
        ulid: "01JD0000000000000000000000",
        error: expect.stringContaining("01JD0000000000000000000000/meta.json: bad JSON at ulid"),
      },
    ]);
    expect(before.value.ignoredPrefixes).toEqual(["debug"]);
    const uploaders = [{ componentId: "p-0", labels }];
    expect(buildTimeline(before.value, { now: new Date(), uploaders }).warnings).toHaveLength(1);

    const end = Math.floor(Date.now() / 7200_000) * 7200_000;
    await empty.addBlock({
      labels,
      minTime: end - 7200_000,
      maxTime: end,
      createdAt: new Date(),
      uploadedAt: new Date(),
    });
    const after = await listBlocks(client, empty.bucket);
    if (!after.ok) throw new Error(after.error);
    expect(buildTimeline(after.value, { now: new Date(), uploaders }).warnings).toEqual([]);
  });

  it("names a missing bucket and rejected credentials", async () => {
    const missing = await listBlocks(createBucketClient({ ...emptyAccess(), bucket: "nope" }), "nope");
    expect(missing).toMatchObject({ ok: false, kind: "http", httpStatus: 404 });
    if (!missing.ok) expect(missing.error).toMatch(/^bucket nope: NoSuchBucket \(HTTP 404\)/);
    // s3rver knows one key id (it does not check secrets), so an unknown id stands for bad credentials.
    const wrongKey = await listBlocks(createBucketClient({ ...emptyAccess(), accessKeyId: "AKIAWRONG" }), empty.bucket);
    expect(wrongKey).toMatchObject({ ok: false, kind: "http", httpStatus: 403 });
    if (!wrongKey.ok) expect(wrongKey.error).toMatch(/^bucket other: InvalidAccessKeyId \(HTTP 403\): /);
  });

  it("times out on an object store that never answers, and reports a refused connection", async () => {
    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as AddressInfo).port;
    try {
      const started = Date.now();
      const hung = await listBlocks(
        createBucketClient({ ...emptyAccess(), endpoint: `http://127.0.0.1:${port}` }),
        "thanos",
        { timeoutMs: 300 },
      );
      expect(hung).toMatchObject({ ok: false, kind: "timeout", error: "timeout after 300 ms listing bucket thanos" });
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
    const refused = await listBlocks(
      createBucketClient({ ...emptyAccess(), endpoint: `http://127.0.0.1:${port}` }),
      "thanos",
      { timeoutMs: 5000 },
    );
    expect(refused).toMatchObject({ ok: false, kind: "network" });
    if (!refused.ok) expect(refused.error).toContain("ECONNREFUSED");
  });
});

describe("mapBounded", () => {
  it("never runs more than the limit at once and keeps order", async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapBounded([5, 1, 4, 2, 3, 0, 6], 3, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, n * 3));
      inFlight--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30, 0, 60]);
    expect(peak).toBe(3);
  });
});
