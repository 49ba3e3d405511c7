import { z } from "zod";
import { requirements, workload } from "./workload";
import { PORTS } from "../ports";
import { image, replicas, secretValue } from "../primitives";
import { defineKind } from "./define";

export const grafanaSettings = z.object({
  image,
  replicas: replicas(1, 5),
  adminUser: z.string().min(1).max(64).default("admin"),
  adminPassword: secretValue.optional(),
  resources: requirements({ requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } }),
  workload: workload({ user: 472, antiAffinity: "preferred", terminationGracePeriodSeconds: 30 }),
});

export const grafanaKind = defineKind({
  kind: "grafana",
  label: "Grafana",
  description: "Dashboards; its datasource points at Query or Query Frontend.",
  category: "Visualization",
  icon: "layout-dashboard",
  settings: grafanaSettings,
  secretPaths: ["adminPassword"],
  haReplicas: false,
  needsCluster: true,
  defaultName: "grafana",
  ports: { http: PORTS.grafana },
  // Grafana answers /api/health, not Prometheus-style /-/ready, so status does not probe it.
  capabilities: { workloads: ["Deployment"], metrics: { port: "http" }, image: "grafana" },
  connections: { starts: ["queries"], accepts: [] },
});
