import { arr, isObj, num, obj, str, type Obj } from "./objects";

const ZONE = "topology.kubernetes.io/zone";

/**
 * A pod spec's hardening → the kind's `workload` settings (server/render/hardening.ts writes them). Absent
 * anti-affinity or spread reads as `none` / `off`; an absent identity keeps the kind's default.
 */
export function readWorkload(pod: Obj, container: Obj | undefined): Obj {
  const w: Obj = {};
  if (typeof pod.automountServiceAccountToken === "boolean")
    w.automountServiceAccountToken = pod.automountServiceAccountToken;
  const sc = obj(pod.securityContext);
  for (const k of ["runAsUser", "runAsGroup", "fsGroup"]) {
    const v = num(sc[k]);
    if (v !== undefined) w[k] = v;
  }
  const csc = obj(container?.securityContext);
  if (typeof csc.readOnlyRootFilesystem === "boolean") w.readOnlyRootFilesystem = csc.readOnlyRootFilesystem;
  const anti = obj(obj(pod.affinity).podAntiAffinity);
  const required = arr(anti.requiredDuringSchedulingIgnoredDuringExecution).filter(isObj)[0];
  const preferred = obj(arr(anti.preferredDuringSchedulingIgnoredDuringExecution).filter(isObj)[0]).podAffinityTerm;
  const term = required ?? (isObj(preferred) ? preferred : undefined);
  w.antiAffinity = required ? "required" : term ? "preferred" : "none";
  if (term) w.antiAffinityTopology = str(term.topologyKey) === ZONE ? "zone" : "node";
  const spread = arr(pod.topologySpreadConstraints)
    .filter(isObj)
    .find((t) => t.topologyKey === ZONE);
  w.zoneSpread = !spread ? "off" : spread.whenUnsatisfiable === "DoNotSchedule" ? "required" : "preferred";
  const grace = num(pod.terminationGracePeriodSeconds);
  if (grace !== undefined) w.terminationGracePeriodSeconds = grace;
  return w;
}

/** A PodDisruptionBudget's `maxUnavailable`, kept only when it differs from what render would write by default. */
export function readMaxUnavailable(pdb: Obj, renderDefault: number): number | undefined {
  const v = num(obj(pdb.spec).maxUnavailable);
  return v !== undefined && v !== renderDefault ? v : undefined;
}

/** Receivers: what render writes by default, floor(RF/2) and at least 1 (server/render/hardening.ts). */
export const receiverMaxUnavailable = (replicationFactor: number) => Math.max(1, Math.floor(replicationFactor / 2));
