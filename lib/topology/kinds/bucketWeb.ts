import { z } from "zod";
import { requirements, workload } from "./workload";
import { PORTS } from "../ports";
import { duration, extraArgs, image, replicas } from "../primitives";
import { HTTP_PROBES, defineKind } from "./define";

export const bucketWebSettings = z.object({
  image,
  replicas: replicas(1, 5),
  refresh: duration.default("30m"),
  extraArgs,
  resources: requirements({ requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "200m", memory: "256Mi" } }),
  workload: workload({ user: 65534, antiAffinity: "preferred", terminationGracePeriodSeconds: 30 }),
});

export const bucketWebKind = defineKind({
  kind: "bucketWeb",
  label: "Bucket Web",
  description: "Web UI listing the blocks in a bucket.",
  category: "Thanos",
  icon: "file-search",
  settings: bucketWebSettings,
  secretPaths: [],
  haReplicas: false,
  needsCluster: true,
  defaultName: "thanos-bucket",
  ports: { http: PORTS.http },
  capabilities: {
    workloads: ["Deployment"],
    probes: HTTP_PROBES,
    metrics: { port: "http" },
    thanosCommand: "tools bucket web",
    image: "thanos",
  },
  connections: { starts: ["uploadsTo"], accepts: [] },
});
