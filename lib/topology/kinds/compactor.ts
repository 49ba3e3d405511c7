import { z } from "zod";
import { requirements, workload } from "./workload";
import { PORTS } from "../ports";
import { duration, extraArgs, image, labelName, replicas, storage } from "../primitives";
import { HTTP_PROBES, defineKind } from "./define";

export const compactorSettings = z.object({
  image,
  /** Must be 1: two compactors on one bucket corrupt it. */
  replicas: replicas(1),
  retentionRaw: duration.default("30d"),
  retention5m: duration.default("90d"),
  retention1h: duration.default("1y"),
  downsampling: z.boolean().default(true),
  /** `--delete-delay`: blocks marked for deletion stay this long, so Store Gateways that still serve them do not fail. */
  deleteDelay: duration.default("48h"),
  /**
   * Vertical compaction: `--deduplication.replica-label` per label merges HA replicas' blocks into one, irreversibly
   * (lint explains the trade-off). Empty = off.
   */
  deduplicationReplicaLabels: z.array(labelName).default([]),
  extraArgs,
  resources: requirements({ requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "2", memory: "4Gi" } }),
  workload: workload({ user: 65534, antiAffinity: "preferred", terminationGracePeriodSeconds: 120 }),
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
