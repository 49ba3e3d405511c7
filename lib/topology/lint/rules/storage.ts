import type { Component, ComponentOf } from "../../design";
import { durationMs } from "../../primitives";
import type { LintRule } from "../types";
import { bucketKey, bucketsOf, connectionId, isSidecar, named, plural } from "../util";

/** Compactors per physical bucket: Thanos needs exactly one compactor process per bucket. */
export const compactorSingleton: LintRule = {
  id: "compactor-singleton",
  severity: "error",
  title: "More than one compactor on a bucket corrupts it",
  check(g) {
    const out: ReturnType<LintRule["check"]> = [];
    const byBucket = new Map<string, { bucket: ComponentOf<"objectStore">; compactors: ComponentOf<"compactor">[] }>();
    for (const c of g.ofKind("compactor")) {
      if (c.settings.replicas > 1)
        out.push({
          componentId: c.id,
          message: `${named(c)} runs ${c.settings.replicas} replicas: concurrent compactors on one bucket overlap blocks and corrupt it.`,
          hint: "Set replicas to 1; scale a compactor vertically, or shard buckets, never horizontally.",
        });
      for (const b of bucketsOf(g, c)) {
        const k = bucketKey(b);
        const e = byBucket.get(k) ?? { bucket: b, compactors: [] };
        if (!e.compactors.includes(c)) e.compactors.push(c);
        byBucket.set(k, e);
      }
    }
    for (const { bucket, compactors } of byBucket.values()) {
      if (compactors.length < 2) continue;
      for (const c of compactors.slice(1))
        out.push({
          componentId: c.id,
          message: `${plural(compactors.length, "compactor")} (${compactors.map((x) => `"${x.name}"`).join(", ")}) compact bucket "${bucket.settings.bucket}": they overlap and corrupt its blocks.`,
          hint: `Keep one compactor on bucket "${bucket.settings.bucket}" and delete the others.`,
        });
    }
    return out;
  },
};

/** Store gateway, compactor and bucket web read the bucket; without one they crash-loop on a missing objstore config. */
export const needsObjectStore: LintRule = {
  id: "no-object-store",
  severity: "error",
  title: "A bucket reader has no object store",
  check(g) {
    const readers: Component[] = [...g.ofKind("storeGateway"), ...g.ofKind("compactor"), ...g.ofKind("bucketWeb")];
    return readers
      .filter((c) => bucketsOf(g, c).length === 0)
      .map((c) => ({
        componentId: c.id,
        message: `${named(c)} has no object store: it needs --objstore.config-file and will not start without it.`,
        hint: `Connect ${c.name} to an Object Store with an "uploads to" connection.`,
      }));
  },
};

/** Thanos components take exactly one --objstore.config-file. */
export const singleObjectStore: LintRule = {
  id: "multiple-object-stores",
  severity: "error",
  title: "A component connected to more than one object store",
  check(g) {
    return g.design.components
      .filter((c) => c.kind !== "objectStore" && bucketsOf(g, c).length > 1)
      .map((c) => ({
        componentId: c.id,
        message: `${named(c)} is connected to ${plural(bucketsOf(g, c).length, "object store")}, but Thanos takes exactly one --objstore.config-file.`,
        hint: `Keep one "uploads to" connection from ${c.name}.`,
      }));
  },
};

/** Uploaded blocks are only queryable through a store gateway that reads the same bucket. */
export const uploadUnread: LintRule = {
  id: "upload-unread",
  severity: "warning",
  title: "Blocks uploaded to a bucket that no store gateway reads",
  check(g) {
    const read = new Set<string>();
    for (const s of g.ofKind("storeGateway")) for (const b of bucketsOf(g, s)) read.add(bucketKey(b));
    const writers: Component[] = [
      ...g.ofKind("prometheus").filter(isSidecar),
      ...g.ofKind("ruler"),
      ...g.ofKind("receiver"),
    ];
    const out: ReturnType<LintRule["check"]> = [];
    for (const w of writers)
      for (const b of bucketsOf(g, w))
        if (!read.has(bucketKey(b)))
          out.push({
            componentId: w.id,
            connectionId: connectionId(g, w, b, "uploadsTo"),
            message: `${named(w)} uploads blocks to bucket "${b.settings.bucket}", but no store gateway reads it: history older than local retention is unreachable.`,
            hint: `Add a Store Gateway connected to "${b.name}" and to your Query.`,
          });
    return out;
  },
};

/** A store gateway not wired into any query serves nobody. */
export const storeGatewayNotQueried: LintRule = {
  id: "store-gateway-not-queried",
  severity: "warning",
  title: "A store gateway that no query fans out to",
  check(g) {
    return g
      .ofKind("storeGateway")
      .filter((s) => g.sources(s, "storeApi").length === 0)
      .map((s) => ({
        componentId: s.id,
        message: `${named(s)} is not a StoreAPI endpoint of any query: the bucket's history is invisible to dashboards and rules.`,
        hint: `Connect a Query to ${s.name} with a StoreAPI connection.`,
      }));
  },
};

/** Thanos treats 0d as "keep forever". */
function retentionMs(d: string): number {
  const ms = durationMs(d);
  return ms === 0 ? Number.POSITIVE_INFINITY : ms;
}

/** Downsampled resolutions exist to outlive raw data; keeping raw longer than 5m (or 5m longer than 1h) is upside-down. */
export const compactorRetentionOrder: LintRule = {
  id: "compactor-retention-order",
  severity: "warning",
  title: "Compactor retention decreases with resolution",
  check(g) {
    const out: ReturnType<LintRule["check"]> = [];
    for (const c of g.ofKind("compactor")) {
      const s = c.settings;
      const raw = retentionMs(s.retentionRaw);
      const m5 = retentionMs(s.retention5m);
      const h1 = retentionMs(s.retention1h);
      if (raw > m5 || m5 > h1)
        out.push({
          componentId: c.id,
          message: `${named(c)} keeps raw ${s.retentionRaw}, 5m ${s.retention5m}, 1h ${s.retention1h}: a coarser resolution is deleted before a finer one, so zoomed-out queries lose data first.`,
          hint: "Order retentions raw ≤ 5m ≤ 1h (e.g. 30d, 90d, 1y); 0d means forever.",
        });
      // Thanos downsamples to 5m only once blocks are 40h old; raw data deleted earlier is never downsampled.
      else if (s.downsampling && raw < 40 * 3_600_000)
        out.push({
          componentId: c.id,
          message: `${named(c)} deletes raw data after ${s.retentionRaw}, before the 40h at which Thanos downsamples it: no 5m or 1h data is ever produced.`,
          hint: "Keep raw data for at least 40h (2d is common), or turn downsampling off.",
        });
    }
    return out;
  },
};

const isSet = (v: string | undefined) => v !== undefined && v !== "";

/** Thanos's objstore needs provider-specific fields; missing ones fail at start-up of every component using the bucket. */
export const objectStoreConfig: LintRule = {
  id: "object-store-config",
  severity: "error",
  title: "Object store missing a field its provider needs",
  check(g) {
    const out: ReturnType<LintRule["check"]> = [];
    for (const os of g.ofKind("objectStore")) {
      const s = os.settings;
      const missing: string[] = [];
      if (!isSet(s.bucket) && s.provider !== "filesystem") missing.push("bucket");
      if (s.provider === "s3" && !isSet(s.endpoint))
        missing.push("endpoint (e.g. s3.eu-west-1.amazonaws.com or minio.minio.svc:9000)");
      if (s.provider === "cos" && !isSet(s.endpoint) && !(isSet(s.region) && isSet(s.appId)))
        missing.push("region and appId (or endpoint)");
      if (s.provider === "oss" && !isSet(s.endpoint)) missing.push("endpoint");
      if (s.provider === "azure" && !isSet(s.storageAccount)) missing.push("storageAccount");
      if (s.provider === "filesystem" && !isSet(s.directory)) missing.push("directory");
      if (missing.length)
        out.push({
          componentId: os.id,
          message: `${named(os)} (${s.provider}) is missing ${missing.join(", ")}: every component using it fails to open the bucket.`,
          hint: `Fill in ${missing.join(", ")} in ${os.name}'s settings.`,
        });
    }
    return out;
  },
};

/**
 * Credentials are write-only secrets, often entered after the design is drafted (templates start without them),
 * so their absence is a warning; s3/gcs/azure may also authenticate through the pod's cloud identity.
 */
export const objectStoreCredentials: LintRule = {
  id: "object-store-credentials",
  severity: "warning",
  title: "Object store without the credentials its provider needs",
  check(g) {
    const out: ReturnType<LintRule["check"]> = [];
    for (const os of g.ofKind("objectStore")) {
      const s = os.settings;
      const missing: string[] = [];
      if (s.provider === "s3" && isSet(s.accessKey) !== isSet(s.secretKey))
        missing.push(isSet(s.accessKey) ? "secretKey" : "accessKey");
      if (s.provider === "cos" || s.provider === "oss") {
        if (!isSet(s.accessKey)) missing.push(s.provider === "cos" ? "accessKey (secret_id)" : "accessKey");
        if (!isSet(s.secretKey)) missing.push("secretKey");
      }
      // Names only, never values: this message reaches browsers and shares.
      if (missing.length)
        out.push({
          componentId: os.id,
          message: `${named(os)} (${s.provider}) has no ${missing.join(", ")}: components using it cannot open the bucket until ${missing.length > 1 ? "they are" : "it is"} set.`,
          hint: `Enter ${missing.join(" and ")} in ${os.name}'s settings (stored encrypted, never shown again).`,
        });
    }
    return out;
  },
};

/** The keys each provider's Thanos objstore config takes; cos and oss are covered by object-store-credentials. */
const PROVIDER_KEYS: Partial<
  Record<
    ComponentOf<"objectStore">["settings"]["provider"],
    ("accessKey" | "secretKey" | "serviceAccount" | "storageAccountKey")[]
  >
> = {
  s3: ["accessKey", "secretKey"],
  gcs: ["serviceAccount"],
  azure: ["storageAccountKey"],
};

/**
 * No keys at all is legal (pods may get credentials from an IAM role or workload identity), so this only
 * warns once a design is headed for a cluster: some user of the bucket sits in a cluster node bound to a
 * registered cluster. Without keys the studio cannot list the bucket either.
 */
export const objectStoreKeysMissing: LintRule = {
  id: "object-store-keys-missing",
  severity: "warning",
  title: "Object store without access keys in a design bound for deploy",
  check(g) {
    const out: ReturnType<LintRule["check"]> = [];
    for (const os of g.ofKind("objectStore")) {
      const keys = PROVIDER_KEYS[os.settings.provider];
      if (!keys || keys.some((k) => isSet(os.settings[k]))) continue;
      const bound = new Set(
        g
          .sources(os, "uploadsTo")
          .map((c) => g.clusterOf(c))
          .filter((cl): cl is ComponentOf<"cluster"> => !!cl && !!cl.settings.registeredClusterId)
          .map((cl) => `"${cl.name}"`),
      );
      if (bound.size === 0) continue;
      out.push({
        componentId: os.id,
        path: `settings.${keys[0]}`,
        message: `${named(os)} (${os.settings.provider}) has no ${keys.join(" or ")}, and cluster ${[...bound].join(", ")} is bound for deploy: its components only reach the bucket if their pods get credentials from the environment (IAM role, workload identity), and the Live tab cannot list the bucket.`,
        hint: `Enter ${keys.join(" and ")} in ${os.name}'s settings (stored encrypted, never shown again), unless the pods get credentials from their environment.`,
      });
    }
    return out;
  },
};

/** A filesystem bucket lives inside one pod; several components "sharing" it each see their own empty directory. */
export const filesystemBucketShared: LintRule = {
  id: "filesystem-bucket-shared",
  severity: "warning",
  title: "Filesystem object store used by several components",
  check(g) {
    return g
      .ofKind("objectStore")
      .filter((os) => os.settings.provider === "filesystem" && g.sources(os, "uploadsTo").length > 1)
      .map((os) => ({
        componentId: os.id,
        message: `${named(os)} is a filesystem bucket used by ${plural(g.sources(os, "uploadsTo").length, "component")}: each pod writes its own local directory, so uploads are never seen by readers.`,
        hint: "Use a real object store (s3, gcs, azure, cos, oss); filesystem is for single-process tests.",
      }));
  },
};

export const STORAGE_RULES = [
  compactorSingleton,
  needsObjectStore,
  singleObjectStore,
  uploadUnread,
  storeGatewayNotQueried,
  compactorRetentionOrder,
  objectStoreConfig,
  objectStoreCredentials,
  objectStoreKeysMissing,
  filesystemBucketShared,
];
