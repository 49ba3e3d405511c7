// The one place the app reaches the deploy engine (server/kube, helper "kube"): the few calls the
// cluster registry and the deploy service need, in the shapes they use. Engine messages are passed on
// as they are (the engine names contexts, users and fields, never credential values).
import type { PlanDrift, PlanEntry } from "@/lib/deploy/plan";
import {
  KubeconfigError,
  canI,
  checkConnection as engineCheck,
  checkDrift,
  connect,
  deployPlanned,
  describePermission,
  findPrunable,
  isCredentialRefusal,
  plan as enginePlan,
  pruneAll,
  reachMessage,
  plannedOf,
  validateKubeconfig as engineValidate,
  type ConnectionCheck,
  type DeployEvent,
  type KubeConnection,
  type KubeconfigSummary,
  type Permission,
  type PlannedDeploy,
  type PruneResult,
  type ValidatedKubeconfig,
} from "@/server/kube";
import type { KubeObject } from "@/server/render";

export { KubeconfigError, describePermission, reachMessage };
export type { ConnectionCheck, DeployEvent, KubeconfigSummary, Permission, PlannedDeploy, PruneResult };
export type Connection = KubeConnection;

export interface OwnerLabel {
  key: string;
  value: string;
}

export interface EnginePlan {
  entries: PlanEntry[];
  /** Human-readable problems (missing permissions first); a plan with errors must not be deployed. */
  errors: string[];
  /** What deploying this plan applies and prunes, with the live versions it was computed against. */
  planned: PlannedDeploy;
}

export interface DeployResult {
  status: "succeeded" | "failed";
  results: {
    object: string;
    action: "create" | "apply" | "prune";
    status: "succeeded" | "failed" | "skipped";
    message?: string;
  }[];
}

/** Validates one context of a pasted kubeconfig; returns the reduced kubeconfig (what gets sealed) and its summary. */
export function validateKubeconfig(
  text: string,
  context: string | undefined,
  opts: { allowExec: boolean },
): { yaml: string; summary: KubeconfigSummary } {
  return engineValidate(text, { context, allowExec: opts.allowExec });
}

export async function connectKubeconfig(
  text: string,
  context: string,
  opts: { allowExec: boolean },
): Promise<Connection> {
  return connect(engineValidate(text, { context, allowExec: opts.allowExec }));
}

export async function connectInCluster(): Promise<Connection> {
  return connect({ inCluster: true });
}

export async function checkConnection(conn: Connection, namespaces: string[]): Promise<ConnectionCheck> {
  return engineCheck(conn, namespaces);
}

export async function planObjects(
  conn: Connection,
  objects: KubeObject[],
  ownerLabel: OwnerLabel,
): Promise<EnginePlan> {
  const p = await enginePlan(conn, objects, { ownerLabel, timeoutMs: deployTuning().timeoutMs });
  // Permission problems first: they are what the person planning has to fix.
  const errors = [...p.errors].sort((a, b) => Number(!!b.permission) - Number(!!a.permission)).map((e) => e.message);
  return {
    entries: [
      ...p.items.map((i) => ({ key: i.key, object: i.object, action: i.action, diff: i.diff })),
      ...p.prune.map((o) => ({ key: o.key, object: o.object, action: "prune" as const, diff: [] })),
    ],
    errors: [...new Set(errors)],
    planned: plannedOf(p),
  };
}

/** What changed on the cluster since `planned` was computed, and the plan with the versions just read. */
export async function planDrift(
  conn: Connection,
  planned: PlannedDeploy,
): Promise<{ drift: PlanDrift[]; current: PlannedDeploy }> {
  return checkDrift(conn, planned, { timeoutMs: deployTuning().timeoutMs });
}

export interface DeployTuning {
  /** Deadline for workloads to become ready. */
  rolloutTimeoutMs?: number;
  rolloutIntervalMs?: number;
  /** Per-call timeout against the API server. */
  timeoutMs?: number;
  retry?: { attempts?: number; baseDelayMs?: number; maxDelayMs?: number };
}

/** Deploy tuning from the environment (tests and small clusters shorten the rollout deadline). */
export function deployTuning(): DeployTuning {
  const num = (v: string | undefined) => (v && Number.isFinite(Number(v)) ? Number(v) : undefined);
  return {
    rolloutTimeoutMs: num(process.env.STUDIO_ROLLOUT_TIMEOUT_MS),
    rolloutIntervalMs: num(process.env.STUDIO_ROLLOUT_INTERVAL_MS),
    timeoutMs: num(process.env.STUDIO_KUBE_TIMEOUT_MS),
  };
}

/** Applies exactly the planned objects, prunes exactly the planned prune set, waits for rollout. */
export async function deployPlan(
  conn: Connection,
  planned: PlannedDeploy,
  opts: { ownerLabel: OwnerLabel } & DeployTuning,
  onEvent: (e: DeployEvent) => void,
): Promise<DeployResult> {
  const out = await deployPlanned(conn, planned, opts, onEvent);
  return { status: out.status, results: out.results };
}

/** What registering a kubeconfig found when it asked the API server. */
export type CredentialCheck =
  | { outcome: "accepted"; serverVersion: string }
  /** The server answered and said no (401/403): the credentials are wrong, not the network. */
  | { outcome: "refused"; message: string }
  /** No answer (DNS, TCP, TLS, timeout): nothing is known about the credentials yet. */
  | { outcome: "unreachable"; message: string };

/**
 * GET /version, then one SelfSubjectAccessReview: many servers answer /version to anyone, while the review
 * needs credentials the server accepts (any authenticated user may ask it).
 */
export async function verifyCredentials(validated: ValidatedKubeconfig, namespace: string): Promise<CredentialCheck> {
  const conn = await connect(validated, { timeoutMs: deployTuning().timeoutMs ?? 10_000 });
  try {
    const version = await conn.request<{ gitVersion?: string }>({ method: "GET", path: "/version" });
    await canI(conn, "get", { group: "", resource: "pods" }, namespace);
    return { outcome: "accepted", serverVersion: version.body.gitVersion ?? "unknown" };
  } catch (err) {
    const message = reachMessage(conn.server, err);
    return isCredentialRefusal(err) ? { outcome: "refused", message } : { outcome: "unreachable", message };
  } finally {
    conn.close();
  }
}

/**
 * Everything on the cluster carrying the owner label that the studio applied (what a prune of an empty
 * render would delete), with any listing problems. Owned Namespaces holding foreign objects are kept.
 */
export async function findOwned(
  conn: Connection,
  ownerLabel: OwnerLabel,
  namespaces: string[],
): Promise<{ owned: KubeObject[]; errors: string[] }> {
  const found = await findPrunable(conn, [], {
    ownerLabel,
    pruneNamespaces: namespaces,
    timeoutMs: deployTuning().timeoutMs,
  });
  return { owned: found.prune, errors: found.errors.map((e) => e.message) };
}

/** Deletes the objects, dependents first (the engine's prune order). */
export async function pruneObjects(conn: Connection, objects: KubeObject[]): Promise<PruneResult[]> {
  return pruneAll(conn, objects, { timeoutMs: deployTuning().timeoutMs });
}
