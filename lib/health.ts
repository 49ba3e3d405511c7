// The one health vocabulary (Argo CD's words), used by deploy progress, live badges, the status drawer
// and the API. Pure and isomorphic: the browser imports it for labels and ordering.
//
//   Healthy      does what it should (ready replicas, probes answer, uploads recent)
//   Suspended    deliberately not running (a paused rollout, zero replicas asked for)
//   Unknown      we could not tell (probe timed out, no metrics, cluster unreachable)
//   Progressing  on its way: a rollout, pods starting, a controller yet to observe a change
//   Missing      expected but not found in the cluster (not deployed, deleted)
//   Degraded     failing: pods crash-looping, a probe answering unhealthy, a rollout past its deadline
export const HEALTH_STATUSES = ["Healthy", "Suspended", "Unknown", "Progressing", "Missing", "Degraded"] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

export interface Health {
  status: HealthStatus;
  message: string;
}

/** Worse statuses rank higher; a component shows the worst of its signals. */
export const HEALTH_RANK: Record<HealthStatus, number> = Object.fromEntries(
  HEALTH_STATUSES.map((s, i) => [s, i]),
) as Record<HealthStatus, number>;

export function worseHealth(a: HealthStatus, b: HealthStatus): HealthStatus {
  return HEALTH_RANK[b] > HEALTH_RANK[a] ? b : a;
}

/** The worst of several assessments, with the messages of those that share it. */
export function worstHealth(list: readonly Health[]): Health {
  if (list.length === 0) return { status: "Unknown", message: "nothing assessed" };
  const status = list.map((h) => h.status).reduce(worseHealth);
  return {
    status,
    message: [...new Set(list.filter((h) => h.status === status).map((h) => h.message))].join("; "),
  };
}

/** The colour family a badge of each status uses (green, amber, red, grey). */
export type HealthTone = "healthy" | "degraded" | "down" | "unknown";
export const HEALTH_TONE: Record<HealthStatus, HealthTone> = {
  Healthy: "healthy",
  Suspended: "unknown",
  Unknown: "unknown",
  Progressing: "degraded",
  Missing: "down",
  Degraded: "down",
};
