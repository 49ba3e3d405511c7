import type { z } from "zod";
import type { ConnectionKind } from "../connections";
import type { Versions } from "../versions";

/** Palette groups, in the order the palette shows them. */
export const KIND_CATEGORIES = [
  "Infrastructure",
  "Prometheus",
  "Thanos",
  "Storage",
  "Alerting",
  "Visualization",
] as const;
export type KindCategory = (typeof KIND_CATEGORIES)[number];

/** Workload objects a kind renders; status reads their replica counts. */
export type WorkloadKind = "StatefulSet" | "Deployment" | "Prometheus";

/** `thanos <command>` as the binary spells it; the same strings as render's flag lists are keyed by. */
export type ThanosCommandName =
  "query" | "query-frontend" | "store" | "compact" | "rule" | "receive" | "sidecar" | "tools bucket web";

/** Which upstream image a kind runs: the key of its release in `design.versions` (the operator runs no pods of ours). */
export type ImageFamily = Exclude<keyof Versions, "prometheusOperator">;

/** What status reports a probed port as: Prometheus itself, its Thanos sidecar, or a component's own HTTP. */
export type ProbeRole = "prometheus" | "sidecar" | "http";

/** The part of a component capabilities look at: its name and its parsed settings. */
export interface KindInstance<S> {
  name: string;
  settings: S;
}

export interface KindCapabilities<S> {
  /** Serves Thanos StoreAPI over gRPC: on which Service (null when this configuration serves none). */
  storeApi?: {
    service(c: KindInstance<S>): string | null;
    /** Named port the StoreAPI listens on. */
    port: "grpc";
    /** `type` as Thanos Query's `/api/v1/stores` lists the endpoint. */
    storeType: "sidecar" | "store" | "rule" | "receive" | "query";
    /** StoreAPI pods behind the Service (Query lists each one). */
    endpoints(c: KindInstance<S>): number;
  };
  /** Workload object kinds its renderer emits (status matches pods to them). */
  workloads: readonly WorkloadKind[];
  /** Prometheus-style `/-/ready` and `/-/healthy`, by the named Service port that answers them. */
  probes?: { ports: Readonly<Record<string, ProbeRole>>; ready: string; healthy: string };
  /** Serves Prometheus `/metrics` on this named port. */
  metrics?: { port: string };
  /** Ships TSDB blocks to its object store; its `/metrics` on `service` tell how that goes (null: not in this configuration). */
  uploads?: { role: "sidecar" | "ruler" | "receiver"; service(c: KindInstance<S>): string | null };
  /** The Thanos subcommand its main (or sidecar) container runs. */
  thanosCommand?: ThanosCommandName;
  /** Upstream image family, or null when nothing runs (clusters, buckets). */
  image: ImageFamily | null;
  /**
   * Whether import (manifests → design) recognises this kind. Optional until the importer fills it in;
   * the kind-coverage test names the kinds still missing.
   */
  importable?: boolean;
}

export interface KindDefinition<K extends string = string, S extends z.ZodType = z.ZodType> {
  kind: K;
  label: string;
  description: string;
  category: KindCategory;
  /** Name of the icon the canvas draws (its table maps names to icons); lib stays free of React. */
  icon: string;
  /** Settings with their defaults: the inspector, lint, render and the API all read this one schema. */
  settings: S;
  /** Dotted settings paths holding write-only secret values. */
  secretPaths: readonly string[];
  /** Stateful and meant to be HA: a single replica earns a warning. */
  haReplicas: boolean;
  /** Whether the component must sit inside a cluster node. */
  needsCluster: boolean;
  /** Default name when dropped on the canvas. */
  defaultName: string;
  /** Named ports it listens on. */
  ports: Readonly<Record<string, number>>;
  capabilities: KindCapabilities<z.output<S>>;
  /** Connection kinds it may start (as source) and accept (as target). */
  connections: { starts: readonly ConnectionKind[]; accepts: readonly ConnectionKind[] };
}

/** Thanos components answer `/-/ready` and `/-/healthy` on their `http` port. */
export const HTTP_PROBES = { ports: { http: "http" }, ready: "/-/ready", healthy: "/-/healthy" } as const;

/** Declare a component kind once; the registry (`kinds/index.ts`) lists every declaration. */
export function defineKind<const K extends string, S extends z.ZodType>(
  def: KindDefinition<K, S>,
): KindDefinition<K, S> {
  return def;
}
