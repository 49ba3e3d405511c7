import { z } from "zod";
import { requirements, workload } from "./workload";
import { PORTS } from "../ports";
import { byteSize, extraArgs, image, replicas, storage } from "../primitives";
import { HTTP_PROBES, defineKind } from "./define";

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
  extraArgs,
  resources: requirements({ requests: { cpu: "250m", memory: "1Gi" }, limits: { cpu: "1", memory: "2Gi" } }),
  workload: workload({ user: 65534, antiAffinity: "required", terminationGracePeriodSeconds: 120 }),
  storage: storage,
});

export const storeGatewayKind = defineKind({
  kind: "storeGateway",
  label: "Store Gateway",
  description: "Serves historical blocks from the bucket over StoreAPI.",
  category: "Thanos",
  icon: "database",
  settings: storeGatewaySettings,
  secretPaths: [],
  haReplicas: true,
  needsCluster: true,
  defaultName: "thanos-store",
  ports: { grpc: PORTS.grpc, http: PORTS.http },
  capabilities: {
    storeApi: {
      service: (c) => c.name,
      port: "grpc",
      storeType: "store",
      endpoints: (c) => c.settings.replicas * c.settings.blockShards,
    },
    workloads: ["StatefulSet"],
    probes: HTTP_PROBES,
    metrics: { port: "http" },
    thanosCommand: "store",
    image: "thanos",
  },
  connections: { starts: ["uploadsTo", "cache"], accepts: ["storeApi"] },
});
