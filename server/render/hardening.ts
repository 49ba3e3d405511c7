import type { Component } from "@/lib/topology";
import { quantityValue, type WorkloadSettings } from "@/lib/topology/kinds/workload";
import type { AppIdentity } from "./labels";
import type { KubeObject, RenderContext } from "./types";
import { metadata, type Obj } from "./common";

/** What every pod of a kind gets from its `workload` settings (kube-thanos's securityContext, with seccomp). */
export function podSecurityContext(h: WorkloadSettings): Obj {
  return {
    runAsNonRoot: true,
    runAsUser: h.runAsUser,
    runAsGroup: h.runAsGroup,
    fsGroup: h.fsGroup,
    seccompProfile: { type: "RuntimeDefault" },
  };
}

export function containerSecurityContext(h: WorkloadSettings): Obj {
  return {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: h.readOnlyRootFilesystem,
    capabilities: { drop: ["ALL"] },
  };
}

const HOSTNAME = "kubernetes.io/hostname";
const ZONE = "topology.kubernetes.io/zone";

/** Anti-affinity between replicas by node or zone; undefined for `none`. */
export function antiAffinity(
  h: Pick<WorkloadSettings, "antiAffinity" | "antiAffinityTopology">,
  selector: Record<string, string>,
): Obj | undefined {
  const mode = h.antiAffinity;
  const term = {
    labelSelector: { matchLabels: selector },
    topologyKey: h.antiAffinityTopology === "zone" ? ZONE : HOSTNAME,
  };
  if (mode === "required") return { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } };
  if (mode === "preferred")
    return {
      podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term }] },
    };
  return undefined;
}

export function zoneSpread(mode: WorkloadSettings["zoneSpread"], selector: Record<string, string>): Obj[] | undefined {
  if (mode === "off") return undefined;
  return [
    {
      maxSkew: 1,
      topologyKey: ZONE,
      whenUnsatisfiable: mode === "required" ? "DoNotSchedule" : "ScheduleAnyway",
      labelSelector: { matchLabels: selector },
    },
  ];
}

/**
 * GOMEMLIMIT at 90% of the memory limit: the Go GC works harder before the kernel's OOM killer would, instead of
 * letting the heap grow to twice the live set.
 */
export function goMemLimit(limit: string | undefined): Obj[] {
  const bytes = limit ? quantityValue(limit) : NaN;
  if (!Number.isFinite(bytes)) return [];
  return [{ name: "GOMEMLIMIT", value: `${Math.floor((bytes * 0.9) / 2 ** 20)}MiB` }];
}

/** The component's own ServiceAccount (named after it): no pod runs as `default`. */
export function serviceAccount(
  ctx: RenderContext,
  c: Component,
  id: AppIdentity,
  h: WorkloadSettings,
  name = c.name,
): KubeObject {
  return {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: metadata(ctx, c, id, name),
    automountServiceAccountToken: h.automountServiceAccountToken,
  };
}

/** A PodDisruptionBudget for a workload of 2+ replicas (undefined below that: a budget of one pod only blocks drains). */
export function podDisruptionBudget(
  ctx: RenderContext,
  c: Component,
  id: AppIdentity,
  name: string,
  selector: Record<string, string>,
  replicas: number,
  maxUnavailable: number,
): KubeObject | undefined {
  if (replicas < 2) return undefined;
  return {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: metadata(ctx, c, id, name),
    spec: { maxUnavailable, selector: { matchLabels: selector } },
  };
}

/** Receivers: floor(RF/2) replicas may be down and writes still reach quorum (kube-thanos's default); at least 1. */
export function receiverMaxUnavailable(replicationFactor: number): number {
  return Math.max(1, Math.floor(replicationFactor / 2));
}
