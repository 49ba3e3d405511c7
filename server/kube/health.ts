// Health of one object as a pure function of what the API server returned (Argo CD style):
// no I/O, so it is tested on recorded objects.
import type { KubeObject } from "./kinds";

export type HealthStatus = "Healthy" | "Progressing" | "Degraded" | "Missing";

export interface Health {
  status: HealthStatus;
  message: string;
}

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
  if (o.spec?.paused) return { status: "Progressing", message: "rollout is paused" };
  const want = o.spec?.replicas ?? 1;
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

export function assessHealth(o: KubeObject | undefined): Health {
  if (!o) return { status: "Missing", message: "object does not exist" };
  switch (o.kind) {
    case "StatefulSet":
      return statefulSetHealth(o as unknown as WorkloadFields);
    case "Deployment":
      return deploymentHealth(o as unknown as WorkloadFields);
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
