import { z } from "zod";
import { requirements, workload } from "./workload";
import { PORTS } from "../ports";
import { byteSize, duration, extraArgs, image, replicas } from "../primitives";
import { HTTP_PROBES, defineKind } from "./define";

export const queryFrontendSettings = z.object({
  image,
  replicas: replicas(2),
  splitInterval: duration.default("24h"),
  maxRetries: z.number().int().min(0).max(20).default(5),
  /** `memcached` needs a cache connection to a memcached component. */
  cache: z.enum(["in-memory", "memcached"]).default("in-memory"),
  cacheMaxSize: byteSize.default("512MB"),
  cacheValidity: duration.default("24h"),
  extraArgs,
  resources: requirements({ requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "500m", memory: "1Gi" } }),
  workload: workload({ user: 65534, antiAffinity: "preferred", terminationGracePeriodSeconds: 120 }),
});

export const queryFrontendKind = defineKind({
  kind: "queryFrontend",
  label: "Query Frontend",
  description: "Splits, retries and caches range queries in front of Query.",
  category: "Thanos",
  icon: "route",
  settings: queryFrontendSettings,
  secretPaths: [],
  haReplicas: true,
  needsCluster: true,
  defaultName: "thanos-query-frontend",
  ports: { http: PORTS.queryHttp },
  capabilities: {
    workloads: ["Deployment"],
    probes: HTTP_PROBES,
    metrics: { port: "http" },
    thanosCommand: "query-frontend",
    image: "thanos",
  },
  connections: { starts: ["downstream", "cache"], accepts: ["queries"] },
});
