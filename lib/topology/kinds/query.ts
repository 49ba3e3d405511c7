import { z } from "zod";
import { requirements, workload } from "./workload";
import { queryLoad } from "./load";
import { PORTS } from "../ports";
import { extraArgs, image, labelName, replicas } from "../primitives";
import { HTTP_PROBES, defineKind } from "./define";

export const querySettings = z.object({
  image,
  replicas: replicas(2),
  /** One `--query.replica-label` each; must cover every replica label its stores attach or dedup silently fails. */
  replicaLabels: z.array(labelName).default(["prometheus_replica", "rule_replica", "receive_replica"]),
  autoDownsampling: z.boolean().default(true),
  partialResponse: z.boolean().default(true),
  /** Extra static StoreAPI endpoints outside the design (`host:port`). */
  extraEndpoints: z.array(z.string().regex(/^[\w.-]+:\d{1,5}$/, "endpoints are host:port")).default([]),
  extraArgs,
  resources: requirements({ requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "1", memory: "2Gi" } }),
  workload: workload({ user: 65534, antiAffinity: "preferred", terminationGracePeriodSeconds: 120 }),
  load: queryLoad,
});

export const queryKind = defineKind({
  kind: "query",
  label: "Query",
  description: "Thanos Query: fans out over StoreAPI endpoints and deduplicates replicas.",
  category: "Thanos",
  icon: "search",
  settings: querySettings,
  secretPaths: [],
  haReplicas: true,
  needsCluster: true,
  defaultName: "thanos-query",
  ports: { grpc: PORTS.grpc, http: PORTS.queryHttp },
  capabilities: {
    storeApi: { service: (c) => c.name, port: "grpc", storeType: "query", endpoints: (c) => c.settings.replicas },
    workloads: ["Deployment"],
    probes: HTTP_PROBES,
    metrics: { port: "http" },
    thanosCommand: "query",
    image: "thanos",
  },
  connections: { starts: ["storeApi"], accepts: ["storeApi", "downstream", "queries"] },
});
