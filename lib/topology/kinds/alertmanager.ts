import { z } from "zod";
import { requirements, workload } from "./workload";
import { PORTS } from "../ports";
import { image, replicas } from "../primitives";
import { HTTP_PROBES, defineKind } from "./define";

export const alertmanagerSettings = z.object({
  image,
  /** Replicas form one gossip cluster (`--cluster.peer`). */
  replicas: replicas(3, 10),
  /** Where notifications go; empty = a `null` receiver (alerts visible in the UI only). */
  webhookUrl: z.string().url("must be a URL").optional(),
  groupBy: z.array(z.string()).default(["alertname", "cluster"]),
  resources: requirements({ requests: { cpu: "50m", memory: "128Mi" }, limits: { cpu: "200m", memory: "256Mi" } }),
  workload: workload({ user: 65534, antiAffinity: "required", terminationGracePeriodSeconds: 120 }),
});

export const alertmanagerKind = defineKind({
  kind: "alertmanager",
  label: "Alertmanager",
  description: "Deduplicates, groups and routes alerts; replicas gossip as one cluster.",
  category: "Alerting",
  icon: "bell-ring",
  settings: alertmanagerSettings,
  secretPaths: [],
  haReplicas: true,
  needsCluster: true,
  defaultName: "alertmanager",
  // Gossip listens on both TCP and UDP.
  ports: { http: PORTS.alertmanager, "mesh-tcp": PORTS.alertmanagerCluster, "mesh-udp": PORTS.alertmanagerCluster },
  capabilities: {
    workloads: ["StatefulSet"],
    probes: HTTP_PROBES,
    metrics: { port: "http" },
    image: "alertmanager",
  },
  connections: { starts: [], accepts: ["alerts"] },
});
