/**
 * Workload health as a pure function of live objects: each rendered StatefulSet/Deployment/Prometheus
 * and its pods assessed by the one health assessment (server/kube/health.ts) that deploy progress uses,
 * so a rollout the deploy calls Progressing is Progressing here too.
 */
import { type Health, worstHealth } from "@/lib/health";
import { assessHealth } from "@/server/kube/health";
import type { KubeObject } from "@/server/kube/kinds";
import type { PodView, Signal, WorkloadView } from "./report";
import type { WorkloadTarget } from "./targets";

/** A Kubernetes object as the API returns it (JSON), only the fields read here. */
export interface LiveObject {
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    deletionTimestamp?: string;
    generation?: number;
  };
  spec?: { replicas?: number };
  status?: Record<string, unknown>;
}

const healthOf = (o: LiveObject, kind: string): Health =>
  assessHealth({ ...o, kind, apiVersion: "", metadata: { name: "", ...o.metadata } } as KubeObject);

interface ContainerStatus {
  ready?: boolean;
  restartCount?: number;
  state?: { waiting?: { reason?: string }; terminated?: { reason?: string } };
}

export function podView(pod: LiveObject): PodView {
  const status = (pod.status ?? {}) as {
    phase?: string;
    conditions?: Array<{ type: string; status: string }>;
    containerStatuses?: ContainerStatus[];
  };
  const containers = status.containerStatuses ?? [];
  const unhappy = containers.find((c) => c.state?.waiting?.reason || c.state?.terminated?.reason);
  return {
    name: pod.metadata?.name ?? "",
    phase: pod.metadata?.deletionTimestamp ? "Terminating" : (status.phase ?? "Unknown"),
    ready: (status.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True"),
    restarts: containers.reduce((sum, c) => sum + (c.restartCount ?? 0), 0),
    reason: unhappy?.state?.waiting?.reason ?? unhappy?.state?.terminated?.reason,
  };
}

function matches(labels: Record<string, string> | undefined, selector: Record<string, string>): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([k, v]) => labels?.[k] === v);
}

/** Joins each rendered workload with its live object and pods. */
export function workloadViews(
  targets: readonly WorkloadTarget[],
  live: readonly LiveObject[],
  pods: readonly LiveObject[],
): WorkloadView[] {
  const byKey = new Map(live.map((o) => [`${o.kind}/${o.metadata?.namespace}/${o.metadata?.name}`, o]));
  return targets.map((t) => {
    const object = byKey.get(`${t.kind}/${t.namespace}/${t.name}`);
    const status = (object?.status ?? {}) as {
      readyReplicas?: number;
      availableReplicas?: number;
      updatedReplicas?: number;
    };
    const ready = object ? ((t.kind === "Prometheus" ? status.availableReplicas : status.readyReplicas) ?? 0) : null;
    const mine = pods.filter((p) => p.metadata?.namespace === t.namespace && matches(p.metadata?.labels, t.selector));
    return {
      kind: t.kind,
      namespace: t.namespace,
      name: t.name,
      desired: t.desired,
      ready,
      updated: object ? (status.updatedReplicas ?? null) : null,
      found: object !== undefined,
      health: object
        ? worstHealth([healthOf(object, t.kind), ...mine.map((p) => healthOf(p, "Pod"))])
        : { status: "Missing", message: "not found in the cluster" },
      pods: mine.map(podView).sort((a, b) => a.name.localeCompare(b.name)),
    };
  });
}

/** One component's workload signal: the worst health of its workloads and their pods; a missing workload is Missing. */
export function assessWorkloads(views: readonly WorkloadView[]): Signal | null {
  if (views.length === 0) return null;
  const missing = views.filter((v) => !v.found);
  if (missing.length > 0) {
    return {
      source: "workload",
      state: "Missing",
      reason: `not deployed: ${missing.map((v) => `${v.kind} ${v.namespace}/${v.name}`).join(", ")} not found in the cluster`,
    };
  }
  const desired = views.reduce((s, v) => s + v.desired, 0);
  const ready = views.reduce((s, v) => s + (v.ready ?? 0), 0);
  const pods = views.flatMap((v) => v.pods);
  const troubled = pods.filter((p) => !p.ready);
  const podNote = troubled.length
    ? `; ${troubled
        .slice(0, 3)
        .map((p) => `${p.name} ${p.reason ?? p.phase}${p.restarts ? ` (${p.restarts} restarts)` : ""}`)
        .join(", ")}${troubled.length > 3 ? ` and ${troubled.length - 3} more` : ""}`
    : "";
  const health = worstHealth(views.map((v) => v.health));
  const what = views.length === 1 ? `${views[0].kind} ${views[0].name}` : `${views.length} workloads`;
  // Unready pods already speak for themselves; otherwise say what the assessment saw.
  const why = health.status === "Healthy" || podNote ? "" : ` — ${health.message}`;
  return {
    source: "workload",
    state: health.status,
    reason: `${ready}/${desired} replicas ready (${what})${why}${podNote}`,
  };
}
