import { z } from "zod";
import { requirements, workload } from "./workload";
import { PORTS } from "../ports";
import { duration, extraArgs, image, labelName, replicas, storage } from "../primitives";
import { ruleGroup } from "./prometheus";
import { HTTP_PROBES, defineKind } from "./define";

export const rulerSettings = z.object({
  image,
  replicas: replicas(2),
  replicaLabel: labelName.default("rule_replica"),
  /** `--alert.label-drop` values; should include the replica label so Alertmanager dedups. */
  alertLabelDrop: z.array(labelName).default(["rule_replica"]),
  evaluationInterval: duration.default("1m"),
  ruleGroups: z.array(ruleGroup).default([]),
  extraArgs,
  resources: requirements({ requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "1", memory: "1Gi" } }),
  workload: workload({ user: 65534, antiAffinity: "required", terminationGracePeriodSeconds: 120 }),
  storage: storage,
});

export const rulerKind = defineKind({
  kind: "ruler",
  label: "Ruler",
  description: "Evaluates recording and alerting rules against Query; uploads its blocks.",
  category: "Thanos",
  icon: "scroll-text",
  settings: rulerSettings,
  secretPaths: [],
  haReplicas: true,
  needsCluster: true,
  defaultName: "thanos-rule",
  ports: { grpc: PORTS.grpc, http: PORTS.http, reloader: PORTS.configReloader },
  capabilities: {
    storeApi: { service: (c) => c.name, port: "grpc", storeType: "rule", endpoints: (c) => c.settings.replicas },
    workloads: ["StatefulSet"],
    probes: HTTP_PROBES,
    metrics: { port: "http" },
    uploads: { role: "ruler", service: (c) => c.name },
    thanosCommand: "rule",
    image: "thanos",
  },
  connections: { starts: ["uploadsTo", "queries", "alerts"], accepts: ["storeApi"] },
});
