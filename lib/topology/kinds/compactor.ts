import { z } from "zod";
import { PORTS } from "../ports";
import { duration, image, replicas, resources, storage } from "../primitives";
import { HTTP_PROBES, defineKind } from "./define";

export const compactorSettings = z.object({
  image,
  /** Must be 1: two compactors on one bucket corrupt it. */
  replicas: replicas(1),
  retentionRaw: duration.default("30d"),
  retention5m: duration.default("90d"),
  retention1h: duration.default("1y"),
  downsampling: z.boolean().default(true),
  resources,
  storage: storage,
});

export const compactorKind = defineKind({
  kind: "compactor",
  label: "Compactor",
  description: "Compacts, downsamples and applies retention. Exactly one per bucket.",
  category: "Thanos",
  icon: "shrink",
  settings: compactorSettings,
  secretPaths: [],
  haReplicas: false,
  needsCluster: true,
  defaultName: "thanos-compact",
  ports: { http: PORTS.http },
  capabilities: {
    workloads: ["StatefulSet"],
    probes: HTTP_PROBES,
    metrics: { port: "http" },
    thanosCommand: "compact",
    image: "thanos",
  },
  connections: { starts: ["uploadsTo"], accepts: [] },
});
