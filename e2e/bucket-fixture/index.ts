/**
 * An S3-protocol bucket holding real-shaped Thanos blocks, for tests and manual runs.
 * MinIO cannot be had on these machines, so `s3rver` (npm) answers the S3 API on a free loopback port
 * with a temporary directory. Blocks follow Thanos's layout (pkg/block): `<ULID>/chunks/000001`,
 * `<ULID>/index`, and `<ULID>/meta.json` uploaded last, written as metadata.Meta.Write does
 * (tab-indented JSON, newline-terminated); `<ULID>/deletion-mark.json` as metadata.DeletionMark.
 * The chunk and index objects are placeholder bytes: nothing here reads TSDB data.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { ulid } from "ulid";

export interface BucketFixture {
  endpoint: string;
  bucket: string;
  region: string;
  accessKey: string;
  secretKey: string;
  /** Everything seeded so far, in upload order. */
  blocks: SeededBlock[];
  /** Uploads one more block (e.g. a sidecar catching up) and returns what was written. */
  addBlock(spec: BlockSpec): Promise<SeededBlock>;
  client: S3Client;
  stop(): Promise<void>;
}

export interface BlockSpec {
  labels: Record<string, string>;
  minTime: number;
  maxTime: number;
  level?: number;
  /** Downsampling resolution in ms: 0 (raw), 300000 (5m), 3600000 (1h). */
  resolution?: number;
  source?: "sidecar" | "receive" | "ruler" | "compactor" | "bucket.upload";
  /** Block creation (ULID timestamp); defaults to one hour after maxTime, as Prometheus cuts blocks. */
  createdAt?: Date;
  /** meta.json upload_time; null writes Go's zero time as older Thanos versions leave it. */
  uploadedAt?: Date | null;
  /** ULIDs of the blocks this one was compacted from. */
  sources?: string[];
  /** Marks the block for deletion (deletion-mark.json) at this time. */
  deletionMarkedAt?: Date;
  /** Uploads chunks and index but not meta.json: an upload in progress or abandoned. */
  partial?: boolean;
}

export interface SeededBlock {
  ulid: string;
  labels: Record<string, string>;
  minTime: number;
  maxTime: number;
  level: number;
  resolution: number;
  source: string;
  createdAt: string;
  state: "live" | "deletion-marked" | "partial";
}

const ACCESS_KEY = "S3RVER"; // s3rver's fixed credentials
const SECRET_KEY = "S3RVER";
const REGION = "us-east-1";
const HOUR = 3600_000;
const TWO_HOURS = 2 * HOUR;
const DAY = 24 * HOUR;

export async function startBucketFixture(
  options: { port?: number; bucket?: string; now?: Date; seed?: boolean; host?: string } = {},
): Promise<BucketFixture> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "bucket-fixture-"));
  const host = options.host ?? "127.0.0.1";
  const server = new S3rver({ port: options.port ?? 0, address: host, silent: true, directory });
  const address = (await server.run()) as { port: number };
  const endpoint = `http://${host}:${address.port}`;
  const bucket = options.bucket ?? "thanos";
  const client = new S3Client({
    endpoint,
    region: REGION,
    forcePathStyle: true,
    credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY },
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  await client.send(new CreateBucketCommand({ Bucket: bucket }));

  const blocks: SeededBlock[] = [];
  const put = (key: string, body: string | Buffer) =>
    client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  const addBlock = async (spec: BlockSpec): Promise<SeededBlock> => {
    const block = await uploadBlock(put, spec);
    blocks.push(block);
    return block;
  };

  if (options.seed !== false) {
    for (const spec of seedPlan(options.now ?? new Date())) await addBlock(spec);
  }

  return {
    endpoint,
    bucket,
    region: REGION,
    accessKey: ACCESS_KEY,
    secretKey: SECRET_KEY,
    blocks,
    addBlock,
    client,
    stop: async () => {
      client.destroy();
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** External label sets of the seeded Prometheus pairs: two shards, two replicas each. */
export const SEEDED_LABEL_SETS: ReadonlyArray<Record<string, string>> = [0, 1].flatMap((shard) =>
  [0, 1].map((replica) => ({
    cluster: "eu1",
    prometheus: "monitoring/k8s",
    prometheus_replica: `prometheus-k8s-shard-${shard}-${replica}`,
    shard: String(shard),
  })),
);

/**
 * What a bucket looks like after some weeks of a sidecar uploading 2h blocks and a compactor at work,
 * per label set (oldest first): one 14d level-4 block with its 5m and 1h downsampled copies, two 2d
 * level-3 blocks with 5m copies, two 8h level-2 blocks, then recent level-1 sidecar blocks.
 * Shard 1 replica 1 stopped uploading 5 hours before `now` (the stale set); shard 0 replica 0 has a
 * level-1 block already compacted and marked for deletion, and one upload still in progress.
 */
export function seedPlan(now: Date): BlockSpec[] {
  const specs: BlockSpec[] = [];
  const nowMs = now.getTime();
  SEEDED_LABEL_SETS.forEach((labels, index) => {
    const stale = index === 3;
    // Newest sidecar block: cut ~1h after its end; a stale sidecar's last one arrived 5h ago.
    const lastArrival = stale ? nowMs - 5 * HOUR : nowMs - 40 * 60_000;
    const rawEnd = Math.floor((lastArrival - HOUR) / TWO_HOURS) * TWO_HOURS;
    for (let k = 3; k >= 0; k--) {
      const maxTime = rawEnd - k * TWO_HOURS;
      specs.push({
        labels,
        minTime: maxTime - TWO_HOURS,
        maxTime,
        level: 1,
        source: "sidecar",
        createdAt: new Date(k === 0 ? lastArrival - 30_000 : maxTime + HOUR),
        uploadedAt: new Date(k === 0 ? lastArrival : maxTime + HOUR + 30_000),
      });
    }
    const l2End = Math.floor((rawEnd - 4 * TWO_HOURS) / (8 * HOUR)) * 8 * HOUR;
    const l3End = Math.floor((l2End - 16 * HOUR) / (2 * DAY)) * 2 * DAY;
    const l4End = l3End - 4 * DAY;
    const compacted = (
      minTime: number,
      maxTime: number,
      level: number,
      resolution = 0,
      uploadedAt?: Date | null,
    ): BlockSpec => ({
      labels,
      minTime,
      maxTime,
      level,
      resolution,
      source: "compactor",
      createdAt: new Date(maxTime + (resolution === 0 ? 3 : 5) * HOUR),
      uploadedAt:
        uploadedAt === undefined ? new Date(maxTime + (resolution === 0 ? 3 : 5) * HOUR + 60_000) : uploadedAt,
    });
    // 14d level 4 from before upload_time existed (Go zero time), plus its downsampled copies.
    specs.push(compacted(l4End - 14 * DAY, l4End, 4, 0, null));
    specs.push(compacted(l4End - 14 * DAY, l4End, 4, 300_000, null));
    specs.push(compacted(l4End - 14 * DAY, l4End, 4, 3_600_000));
    for (const end of [l3End - 2 * DAY, l3End]) {
      specs.push(compacted(end - 2 * DAY, end, 3));
      specs.push(compacted(end - 2 * DAY, end, 3, 300_000));
    }
    for (const end of [l2End - 8 * HOUR, l2End]) specs.push(compacted(end - 8 * HOUR, end, 2));
    if (index === 0) {
      specs.push({
        labels,
        minTime: l2End - TWO_HOURS,
        maxTime: l2End,
        level: 1,
        source: "sidecar",
        createdAt: new Date(l2End + HOUR),
        uploadedAt: new Date(l2End + HOUR + 30_000),
        deletionMarkedAt: new Date(nowMs - 30 * 60_000),
      });
      specs.push({
        labels,
        minTime: rawEnd,
        maxTime: rawEnd + TWO_HOURS,
        level: 1,
        source: "sidecar",
        createdAt: new Date(nowMs - 60_000),
        partial: true,
      });
    }
  });
  return specs;
}

type Put = (key: string, body: string | Buffer) => Promise<unknown>;

async function uploadBlock(put: Put, spec: BlockSpec): Promise<SeededBlock> {
  const createdAt = spec.createdAt ?? new Date(spec.maxTime + HOUR);
  const id = ulid(createdAt.getTime());
  const level = spec.level ?? 1;
  const resolution = spec.resolution ?? 0;
  const source = spec.source ?? "sidecar";
  const series = 4000 + (spec.maxTime % 997);
  const samples = Math.round(
    (((spec.maxTime - spec.minTime) / 30_000) * series) / (resolution === 0 ? 1 : resolution / 30_000),
  );
  const chunks = Buffer.alloc(1024 + (samples % 4096), 1);
  const index = Buffer.alloc(512 + (series % 512), 2);

  // Same order as Thanos's block.Upload: chunks, index, and meta.json last.
  await put(`${id}/chunks/000001`, chunks);
  await put(`${id}/index`, index);
  const seeded: SeededBlock = {
    ulid: id,
    labels: spec.labels,
    minTime: spec.minTime,
    maxTime: spec.maxTime,
    level,
    resolution,
    source,
    createdAt: createdAt.toISOString(),
    state: spec.partial ? "partial" : spec.deletionMarkedAt ? "deletion-marked" : "live",
  };
  if (spec.partial) return seeded;

  const meta = {
    ulid: id,
    minTime: spec.minTime,
    maxTime: spec.maxTime,
    stats: { numSamples: samples, numSeries: series, numChunks: Math.ceil(samples / 120) },
    compaction: {
      level,
      sources: spec.sources ?? (level === 1 ? [id] : [ulid(spec.minTime), ulid(spec.minTime + 1)]),
    },
    version: 1,
    thanos: {
      version: 1,
      labels: spec.labels,
      downsample: { resolution },
      source,
      segment_files: ["000001"],
      files: [
        { rel_path: "chunks/000001", size_bytes: chunks.length },
        { rel_path: "index", size_bytes: index.length },
        { rel_path: "meta.json" },
      ],
      index_stats: {},
      upload_time: spec.uploadedAt === null ? "0001-01-01T00:00:00Z" : (spec.uploadedAt ?? createdAt).toISOString(),
    },
  };
  await put(`${id}/meta.json`, `${JSON.stringify(meta, null, "\t")}\n`);
  if (spec.deletionMarkedAt) {
    const mark = {
      id,
      version: 1,
      details: "source of compacted block",
      deletion_time: Math.floor(spec.deletionMarkedAt.getTime() / 1000),
    };
    await put(`${id}/deletion-mark.json`, `${JSON.stringify(mark, null, "\t")}\n`);
  }
  return seeded;
}
