import type { ComponentKind, ConnectionKind } from "../catalog";
import type { KubeObject } from "./parse";
import type { Obj } from "./objects";

/** A reference found in a flag or config that becomes a connection once every component is known. */
export interface Ref {
  kind: ConnectionKind;
  /** An address, URL or discovery string as written (`dnssrv+_grpc._tcp.thanos-store.ns.svc.cluster.local`). */
  address?: string;
  /** A Service named directly (prometheus-operator `alerting.alertmanagers[].name`). */
  service?: string;
  /** Bucket key, for uploadsTo. */
  bucket?: string;
  /** For a `storeApi` address that resolves to nothing: kept as an extra endpoint instead. */
  fallback?: () => void;
}

/** A component in the making: its objects, pod labels (for selectors) and what it refers to. */
export interface Draft {
  id: string;
  kind: Exclude<ComponentKind, "cluster" | "objectStore">;
  name: string;
  cluster: string;
  namespace: string;
  settings: Obj;
  /** The workloads or custom resources it came from. */
  sources: KubeObject[];
  /** Labels of its pods (what Services, PodDisruptionBudgets and monitors select). */
  podLabels: Record<string, string>[];
  /** ServiceAccounts its pods run as. */
  serviceAccounts: string[];
  /** ConfigMaps and Secrets its pods or resource refer to. */
  configRefs: Set<string>;
  refs: Ref[];
  /** External labels it attaches (candidates for the cluster's external labels). */
  externalLabels?: Record<string, string>;
  /** Image repositories and tags by family (thanos, prometheus, …), for versions. */
  images: { family: ImageFamily; image: string; setting: (image: string) => void }[];
}

export type ImageFamily = "thanos" | "prometheus" | "alertmanager" | "memcached" | "grafana";

export const configRef = (kind: "ConfigMap" | "Secret", name: string) => `${kind}/${name}`;
