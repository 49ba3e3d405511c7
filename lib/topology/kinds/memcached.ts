import { z } from "zod";
import { requirements, workload } from "./workload";
import { PORTS } from "../ports";
import { image, replicas } from "../primitives";
import { defineKind } from "./define";

export const memcachedSettings = z.object({
  image,
  replicas: replicas(1, 20),
  memoryLimitMb: z.number().int().min(64).max(65_536).default(1024),
  resources: requirements({ requests: { cpu: "100m", memory: "1280Mi" }, limits: { cpu: "500m", memory: "1280Mi" } }),
  workload: workload({ user: 11211, antiAffinity: "preferred", terminationGracePeriodSeconds: 30 }),
});

export const memcachedKind = defineKind({
  kind: "memcached",
  label: "Memcached",
  description: "Cache for query-frontend responses or store-gateway index.",
  category: "Storage",
  icon: "memory-stick",
  settings: memcachedSettings,
  secretPaths: [],
  haReplicas: false,
  needsCluster: true,
  defaultName: "memcached",
  ports: { client: PORTS.memcached },
  // Speaks the memcached protocol only: no HTTP probes, no /metrics without an exporter.
  capabilities: { workloads: ["Deployment"], image: "memcached" },
  connections: { starts: [], accepts: ["cache"] },
});
