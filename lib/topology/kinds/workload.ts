import { z } from "zod";
import { quantity } from "../primitives";

/**
 * Hardening every workload kind shares: pod identity, security context, scheduling spread, disruption budget
 * and shutdown time. Each kind passes its own defaults (`workload({...})` in its schema), so a kind's defaults
 * are read in one place, as kube-thanos keeps them in each component's `defaults`.
 */
export interface WorkloadDefaults {
  /** uid, gid and fsGroup the image runs as (65534 `nobody` for Thanos and Prometheus). */
  user: number;
  /** Spread of replicas over nodes: `required` for HA pairs that hold data, `preferred` for stateless ones. */
  antiAffinity: AntiAffinity;
  /** Seconds between SIGTERM and SIGKILL: what the process needs to finish (a Receiver flushes its TSDB). */
  terminationGracePeriodSeconds: number;
  /** Only processes that call the Kubernetes API (Prometheus's service discovery) get a token. */
  automountServiceAccountToken?: boolean;
}

export const ANTI_AFFINITY = ["required", "preferred", "none"] as const;
export type AntiAffinity = (typeof ANTI_AFFINITY)[number];

const id = (def: number) => z.number().int().min(1, "must not be root (0)").max(2_147_483_647).default(def);

export const workload = (d: WorkloadDefaults) =>
  z
    .object({
      /** Mount the ServiceAccount token into the pods; off unless the process calls the Kubernetes API. */
      automountServiceAccountToken: z.boolean().default(d.automountServiceAccountToken ?? false),
      runAsUser: id(d.user),
      runAsGroup: id(d.user),
      fsGroup: id(d.user),
      /** Only the volumes the process writes (data, config out) are writable. */
      readOnlyRootFilesystem: z.boolean().default(true),
      /** Pod anti-affinity between replicas. */
      antiAffinity: z.enum(ANTI_AFFINITY).default(d.antiAffinity),
      /** What replicas keep apart: nodes (`kubernetes.io/hostname`) or zones (`topology.kubernetes.io/zone`). */
      antiAffinityTopology: z.enum(["node", "zone"]).default("node"),
      /** topologySpreadConstraints over `topology.kubernetes.io/zone`: off, ScheduleAnyway or DoNotSchedule. */
      zoneSpread: z.enum(["off", "preferred", "required"]).default("off"),
      /** PodDisruptionBudget `maxUnavailable` (2+ replicas only); empty: 1, receivers what their replication factor tolerates. */
      maxUnavailable: z.number().int().min(0).max(100).optional(),
      terminationGracePeriodSeconds: z.number().int().min(0).max(86_400).default(d.terminationGracePeriodSeconds),
    })
    .prefault({});
export type WorkloadSettings = z.output<ReturnType<typeof workload>>;

export interface ResourceDefaults {
  requests: { cpu: string; memory: string };
  limits: { cpu: string; memory: string };
}

const UNITS: Record<string, number> = {
  "": 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** A Kubernetes quantity as a number (cores, bytes); NaN when it does not parse. */
export function quantityValue(q: string): number {
  const m = /^(\d+(?:\.\d+)?)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/.exec(q);
  return m ? Number(m[1]) * UNITS[m[2] ?? ""] : NaN;
}

/**
 * Requests and limits of one container, every value defaulted so no container is rendered without them.
 * A limit below its request is rejected at its path (the API server would refuse the pod).
 */
export const requirements = (d: ResourceDefaults) =>
  z
    .object({
      requests: z
        .object({ cpu: quantity.default(d.requests.cpu), memory: quantity.default(d.requests.memory) })
        .prefault({}),
      limits: z.object({ cpu: quantity.default(d.limits.cpu), memory: quantity.default(d.limits.memory) }).prefault({}),
    })
    .superRefine((r, ctx) => {
      for (const k of ["cpu", "memory"] as const) {
        if (quantityValue(r.limits[k]) < quantityValue(r.requests[k]))
          ctx.addIssue({
            code: "custom",
            path: ["limits", k],
            message: `${k} limit ${r.limits[k]} is below its request ${r.requests[k]}; raise the limit or lower the request`,
          });
      }
    })
    .prefault({});
export type Requirements = z.output<ReturnType<typeof requirements>>;
