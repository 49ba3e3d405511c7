import { z } from "zod";
import { PORTS } from "../ports";
import { image, replicas, resources } from "../primitives";
import { defineKind } from "./define";

export const memcachedSettings = z.object({
  image,
  replicas: replicas(1, 20),
  memoryLimitMb: z.number().int().min(64).max(65_536).default(1024),
  resources,
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
