import { z } from "zod";
import { byteSize, duration, extraArgs, image, labelName, replicas, resources, storage } from "../primitives";
import { ruleGroup } from "./prometheus";

export const querySettings = z.object({
  image,
  replicas: replicas(2),
  /** One `--query.replica-label` each; must cover every replica label its stores attach or dedup silently fails. */
  replicaLabels: z.array(labelName).default(["prometheus_replica", "rule_replica", "receive_replica"]),
  autoDownsampling: z.boolean().default(true),
  partialResponse: z.boolean().default(true),
  /** Extra static StoreAPI endpoints outside the design (`host:port`). */
  extraEndpoints: z.array(z.string().regex(/^[\w.-]+:\d{1,5}$/, "endpoints are host:port")).default([]),
  resources,
  extraArgs,
});

export const queryFrontendSettings = z.object({
  image,
  replicas: replicas(2),
  splitInterval: duration.default("24h"),
  maxRetries: z.number().int().min(0).max(20).default(5),
  /** `memcached` needs a cache connection to a memcached component. */
  cache: z.enum(["in-memory", "memcached"]).default("in-memory"),
  cacheMaxSize: byteSize.default("512MB"),
  cacheValidity: duration.default("24h"),
  resources,
  extraArgs,
});

export const storeGatewaySettings = z.object({
  image,
  replicas: replicas(2),
  indexCache: z.enum(["in-memory", "memcached"]).default("in-memory"),
  indexCacheSize: byteSize.default("250MB"),
  /** Optional time partitioning: serve blocks in [minTime, maxTime] (Thanos time or duration, e.g. -2w). */
  timePartition: z
    .object({ minTime: z.string().max(64).optional(), maxTime: z.string().max(64).optional() })
    .optional(),
  /** Optional hashmod partitioning of blocks across this many store shards (relabel on `__block_id`). */
  blockShards: z.number().int().min(1).max(32).default(1),
  resources,
  extraArgs,
  storage: storage,
});

export const compactorSettings = z.object({
  image,
  /** Must be 1: two compactors on one bucket corrupt it. */
  replicas: replicas(1),
  retentionRaw: duration.default("30d"),
  retention5m: duration.default("90d"),
  retention1h: duration.default("1y"),
  downsampling: z.boolean().default(true),
  resources,
  extraArgs,
  storage: storage,
});

export const rulerSettings = z.object({
  image,
  replicas: replicas(2),
  replicaLabel: labelName.default("rule_replica"),
  /** `--alert.label-drop` values; should include the replica label so Alertmanager dedups. */
  alertLabelDrop: z.array(labelName).default(["rule_replica"]),
  evaluationInterval: duration.default("1m"),
  ruleGroups: z.array(ruleGroup).default([]),
  resources,
  extraArgs,
  storage: storage,
});

export const hashring = z.object({
  name: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[\w.-]+$/, "hashring names use letters, digits, '_', '.', '-'"),
  /** Empty = soft tenancy: every tenant not matched by another hashring. */
  tenants: z.array(z.string().min(1).max(128)).default([]),
  /** `<pod>.<service>.<namespace>.svc.<domain>:10901`; empty = this receiver's own pods. */
  endpoints: z.array(z.string().regex(/^[\w.-]+:\d{1,5}$/, "endpoints are host:port")).default([]),
});
export type Hashring = z.output<typeof hashring>;

export const receiverSettings = z.object({
  image,
  replicas: replicas(3),
  role: z.enum(["router-ingestor", "router", "ingestor"]).default("router-ingestor"),
  replicationFactor: z.number().int().min(1).max(9).default(1),
  replicaLabel: labelName.default("receive_replica"),
  retention: duration.default("12h"),
  tenantHeader: z.string().max(128).default("THANOS-TENANT"),
  defaultTenant: z.string().max(128).default("default-tenant"),
  tenantLabel: labelName.default("tenant_id"),
  hashrings: z.array(hashring).default([{ name: "default", tenants: [], endpoints: [] }]),
  /** Overrides `--receive.local-endpoint`; it must name this pod's own service and namespace. */
  localEndpoint: z.string().max(253).optional(),
  resources,
  extraArgs,
  storage: storage,
});

export const bucketWebSettings = z.object({
  image,
  replicas: replicas(1, 5),
  refresh: duration.default("30m"),
  resources,
  extraArgs,
});
