import { z } from "zod";
import { dnsName, labelSet } from "../primitives";
import { defineKind } from "./define";

/** A target Kubernetes cluster + namespace; a group node that contains other components. */
export const clusterSettings = z.object({
  namespace: dnsName.default("monitoring"),
  /** Kubernetes cluster DNS domain, used in `<svc>.<ns>.svc.<domain>` addresses. */
  clusterDomain: z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "must be a DNS domain")
    .default("cluster.local"),
  /**
   * How other clusters reach this cluster's StoreAPI/remote-write services, e.g. `{service}.{cluster}.example.com`.
   * `{service}` and `{cluster}` are substituted. Without it, cross-cluster connections cannot be rendered (lint error).
   */
  externalHostPattern: z.string().max(253).optional(),
  /**
   * What makes this cluster's services reachable under that pattern from other clusters: an Ingress (HTTP paths
   * such as remote write, over TLS; gRPC StoreAPI still gets a LoadBalancer Service, which a plain Ingress cannot
   * carry), LoadBalancer Services for everything, or `none` when something outside the design exposes them.
   */
  exposure: z
    .object({
      type: z.enum(["ingress", "loadBalancer", "none"]).default("ingress"),
      ingressClassName: z.string().max(253).default("nginx"),
      /** TLS Secret (in this namespace) with the certificate for the external hosts; default `<cluster>-external-tls`. */
      tlsSecretName: z.string().max(253).optional(),
    })
    .prefault({}),
  /** Zones and nodes the cluster offers: lint checks required anti-affinity and zone spread against them. */
  zones: z.number().int().min(1).max(64).optional(),
  nodes: z.number().int().min(1).max(100_000).optional(),
  /** External labels added to every Prometheus, ruler and receiver in this cluster (e.g. `cluster: eu-1`). */
  externalLabels: labelSet.default({}),
  /** The registered cluster (server-side id) this node deploys to; bound later by an editor. */
  registeredClusterId: z.string().max(64).optional(),
  /** The Git target (server-side id) this node's manifests are exported to (GitOps); optional. */
  gitTargetId: z.string().max(64).optional(),
  width: z.number().min(200).max(20_000).default(760),
  height: z.number().min(160).max(20_000).default(480),
});
export type ClusterSettings = z.output<typeof clusterSettings>;

export const clusterKind = defineKind({
  kind: "cluster",
  label: "Cluster",
  description: "A Kubernetes cluster and namespace that runs the components inside it.",
  category: "Infrastructure",
  icon: "boxes",
  settings: clusterSettings,
  secretPaths: [],
  haReplicas: false,
  needsCluster: false,
  defaultName: "cluster",
  // Renders only its Namespace; what runs in it belongs to the components inside.
  ports: {},
  capabilities: { workloads: [], image: null },
  connections: { starts: [], accepts: [] },
});
