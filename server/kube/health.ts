// Health of one object as a pure function of what the API server returned, in the one vocabulary of
// lib/health.ts (Argo CD's words): no I/O, so it is tested on recorded objects. Deploy progress (rollout)
// and the live tab's workload badges both call it.
import type { Health } from "../../lib/health";
import type { KubeObject } from "./kinds";

export type { Health, HealthStatus } from "../../lib/health";

type Num = number | undefined;
interface WorkloadFields {
  metadata: { generation?: number };
  spec?: {
    replicas?: number;
    updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } };
    paused?: boolean;
  };
  status?: {
    observedGeneration?: Num;
    replicas?: Num;
    readyReplicas?: Num;
    updatedReplicas?: Num;
    availableReplicas?: Num;
    currentRevision?: string;
    updateRevision?: string;
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
  };
}

const n = (v: Num) => v ?? 0;

function generationObserved(o: WorkloadFields): Health | undefined {
  const gen = o.metadata.generation ?? 0;
  const seen = o.status?.observedGeneration ?? 0;
  return seen < gen
    ? { status: "Progressing", message: `waiting for the controller to observe generation ${gen} (seen ${seen})` }
    : undefined;
}

function statefulSetHealth(o: WorkloadFields): Health {
  const pending = generationObserved(o);
  if (pending) return pending;
  const want = o.spec?.replicas ?? 1;
  if (want === 0 && n(o.status?.replicas) === 0) return { status: "Suspended", message: "scaled to 0 replicas" };
  const s = o.status ?? {};
  if (n(s.readyReplicas) < want)
    return { status: "Progressing", message: `${n(s.readyReplicas)}/${want} replicas ready` };
  if (o.spec?.updateStrategy?.type !== "OnDelete") {
    const partition = o.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
    if (n(s.updatedReplicas) < want - partition)
      return { status: "Progressing", message: `${n(s.updatedReplicas)}/${want} replicas updated` };
    if (partition === 0 && s.updateRevision && s.currentRevision !== s.updateRevision)
      return { status: "Progressing", message: `rolling out revision ${s.updateRevision}` };
  }
  if (n(s.replicas) > want)
    return { status: "Progressing", message: `${n(s.replicas) - want} old replicas terminating` };
  return { status: "Healthy", message: `${n(s.readyReplicas)}/${want} replicas ready` };
}

function deploymentHealth(o: WorkloadFields): Health {
  const stuck = o.status?.conditions?.find((c) => c.type === "Progressing" && c.reason === "ProgressDeadlineExceeded");
  if (stuck) return { status: "Degraded", message: stuck.message || "progress deadline exceeded" };
  const pending = generationObserved(o);
  if (pending) return pending;
  if (o.spec?.paused) return { status: "Suspended", message: "rollout is paused" };
  const want = o.spec?.replicas ?? 1;
  if (want === 0 && n(o.status?.replicas) === 0) return { status: "Suspended", message: "scaled to 0 replicas" };
  const s = o.status ?? {};
  if (n(s.updatedReplicas) < want)
    return { status: "Progressing", message: `${n(s.updatedReplicas)}/${want} replicas updated` };
  if (n(s.replicas) > n(s.updatedReplicas))
    return {
      status: "Progressing",
      message: `${n(s.replicas) - n(s.updatedReplicas)} old replicas pending termination`,
    };
  if (n(s.availableReplicas) < n(s.updatedReplicas))
    return { status: "Progressing", message: `${n(s.availableReplicas)}/${want} replicas available` };
  return { status: "Healthy", message: `${n(s.availableReplicas)}/${want} replicas available` };
}

interface PodFields {
  metadata: { deletionTimestamp?: string };
  status?: {
    phase?: string;
    reason?: string;
    message?: string;
    conditions?: { type: string; status: string }[];
    containerStatuses?: {
      name?: string;
      restartCount?: number;
      state?: { waiting?: { reason?: string; message?: string }; terminated?: { reason?: string; exitCode?: number } };
    }[];
  };
}

/** Waiting reasons that will not resolve by waiting: the pod needs a fix, not time. */
const STUCK = new Set([
  "CrashLoopBackOff",
  "ImagePullBackOff",
  "ErrImagePull",
  "CreateContainerConfigError",
  "InvalidImageName",
  "CreateContainerError",
]);

function podHealth(o: PodFields): Health {
  const s = o.status ?? {};
  if (o.metadata.deletionTimestamp) return { status: "Progressing", message: "terminating" };
  for (const c of s.containerStatuses ?? []) {
    const why = c.state?.waiting?.reason;
    if (why && STUCK.has(why))
      return {
        status: "Degraded",
        message: `${c.name}: ${why}${c.restartCount ? ` (${c.restartCount} restarts)` : ""}`,
      };
  }
  if (s.phase === "Failed") return { status: "Degraded", message: s.reason || s.message || "pod failed" };
  if (s.phase === "Succeeded") return { status: "Healthy", message: "completed" };
  const ready = (s.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
  if (s.phase === "Running" && ready) return { status: "Healthy", message: "running and ready" };
  return {
    status: "Progressing",
    message: s.phase === "Running" ? "running, not ready yet" : `phase ${s.phase ?? "Pending"}`,
  };
}

/** The Prometheus Operator's Prometheus: its Available condition, else its available replicas. */
function prometheusHealth(o: WorkloadFields): Health {
  const available = o.status?.conditions?.find((c) => c.type === "Available");
  if (available?.status === "False") return { status: "Degraded", message: available.message || "not available" };
  const want = o.spec?.replicas ?? 1;
  const got = n(o.status?.availableReplicas);
  if (got < want) return { status: "Progressing", message: `${got}/${want} replicas available` };
  return { status: "Healthy", message: `${got}/${want} replicas available` };
}

export function assessHealth(o: KubeObject | undefined): Health {
  if (!o) return { status: "Missing", message: "object does not exist" };
  switch (o.kind) {
    case "StatefulSet":
      return statefulSetHealth(o as unknown as WorkloadFields);
    case "Deployment":
      return deploymentHealth(o as unknown as WorkloadFields);
    case "Pod":
      return podHealth(o as unknown as PodFields);
    case "Prometheus":
      return prometheusHealth(o as unknown as WorkloadFields);
    case "PersistentVolumeClaim": {
      const phase = (o.status as { phase?: string } | undefined)?.phase;
      return phase === "Bound"
        ? { status: "Healthy", message: "bound" }
        : phase === "Lost"
          ? { status: "Degraded", message: "claim lost" }
          : { status: "Progressing", message: `phase ${phase ?? "Pending"}` };
    }
    default:
      return { status: "Healthy", message: "exists" };
  }
}

/** Kinds whose readiness a deploy waits for. */
export function hasRollout(kind: string): boolean {
  return kind === "StatefulSet" || kind === "Deployment";
}
