import { z } from "zod";
import { PORTS } from "../ports";
import { image, replicas, resources } from "../primitives";
import { HTTP_PROBES, defineKind } from "./define";

export const alertmanagerSettings = z.object({
  image,
  /** Replicas form one gossip cluster (`--cluster.peer`). */
  replicas: replicas(3, 10),
  /** Where notifications go; empty = a `null` receiver (alerts visible in the UI only). */
  webhookUrl: z.string().url("must be a URL").optional(),
  groupBy: z.array(z.string()).default(["alertname", "cluster"]),
  resources,
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
