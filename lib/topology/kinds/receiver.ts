import { z } from "zod";
import { requirements, workload } from "./workload";
import { hashringAlgorithm, receiverLoad } from "./load";
import { PORTS } from "../ports";
import { duration, extraArgs, image, labelName, replicas, storage } from "../primitives";
import { HTTP_PROBES, defineKind } from "./define";

export const hashring = z.object({
  name: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[\w.-]+$/, "hashring names use letters, digits, '_', '.', '-'"),
  /** Empty = soft tenancy: every tenant not matched by another hashring. */
  tenants: z.array(z.string().min(1).max(128)).default([]),
  /** `<pod>.<service>.<namespace>.svc.<domain>:10901`; empty = this receiver's own pods. */
  endpoints: z.array(z.string().regex(/^[\w.-]+:\d{1,5}$/, "endpoints are host:port")).default([]),
});
export type Hashring = z.output<typeof hashring>;

export const receiverSettings = z.object({
  image,
  replicas: replicas(3),
  role: z.enum(["router-ingestor", "router", "ingestor"]).default("router-ingestor"),
  replicationFactor: z.number().int().min(1).max(9).default(1),
  replicaLabel: labelName.default("receive_replica"),
  retention: duration.default("12h"),
  tenantHeader: z.string().max(128).default("THANOS-TENANT"),
  defaultTenant: z.string().max(128).default("default-tenant"),
  tenantLabel: labelName.default("tenant_id"),
  hashrings: z.array(hashring).default([{ name: "default", tenants: [], endpoints: [] }]),
  /** Overrides `--receive.local-endpoint`; it must name this pod's own service and namespace. */
  localEndpoint: z.string().max(253).optional(),
  extraArgs,
  resources: requirements({ requests: { cpu: "500m", memory: "2Gi" }, limits: { cpu: "2", memory: "4Gi" } }),
  workload: workload({ user: 65534, antiAffinity: "required", terminationGracePeriodSeconds: 900 }),
  hashringAlgorithm,
  storage: storage,
  load: receiverLoad,
});

export const receiverKind = defineKind({
  kind: "receiver",
  label: "Receiver",
  description: "Accepts Prometheus remote write per tenant, hashring-distributed and replicated.",
  category: "Thanos",
  icon: "inbox",
  settings: receiverSettings,
  secretPaths: [],
  haReplicas: true,
  needsCluster: true,
  defaultName: "thanos-receive",
  ports: { grpc: PORTS.grpc, http: PORTS.http, "remote-write": PORTS.remoteWrite },
  capabilities: {
    // Routers hold no TSDB: Query may dial them, but they list no series of their own.
    storeApi: {
      service: (c) => c.name,
      port: "grpc",
      storeType: "receive",
      endpoints: (c) => (c.settings.role === "router" ? 0 : c.settings.replicas),
    },
    workloads: ["StatefulSet"],
    probes: HTTP_PROBES,
    metrics: { port: "http" },
    uploads: { role: "receiver", service: (c) => (c.settings.role === "router" ? null : c.name) },
    thanosCommand: "receive",
    image: "thanos",
  },
  connections: { starts: ["uploadsTo"], accepts: ["storeApi", "remoteWrite"] },
});
