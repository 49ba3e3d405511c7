// The one place the app reaches the deploy engine (server/kube, helper "kube"): the few calls the
// cluster registry and the deploy service need, in the shapes they use. Engine messages are passed on
// as they are (the engine names contexts, users and fields, never credential values).
import {
  KubeconfigError,
  checkConnection as engineCheck,
  connect,
  describePermission,
  objectRef,
  plan as enginePlan,
  runDeploy,
  validateKubeconfig as engineValidate,
  type ConnectionCheck,
  type DeployEvent,
  type FieldChange,
  type KubeConnection,
  type KubeconfigSummary,
  type Permission,
} from "@/server/kube";
import type { KubeObject } from "@/server/render";

export { KubeconfigError, describePermission, objectRef };
export type { ConnectionCheck, DeployEvent, KubeconfigSummary, Permission };
export type Connection = KubeConnection;

export interface OwnerLabel {
  key: string;
  value: string;
}

export interface PlanEntry {
  object: string;
  action: "create" | "update" | "unchanged" | "prune";
  diff?: FieldChange[];
}

export interface EnginePlan {
  entries: PlanEntry[];
  /** Human-readable problems (missing permissions first); a plan with errors must not be deployed. */
  errors: string[];
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
      ...p.items.map((i) => ({
        object: i.object,
        action: i.action,
        ...(i.action === "update" ? { diff: i.diff } : {}),
      })),
      ...p.prune.map((o) => ({ object: o.object, action: "prune" as const })),
    ],
    errors: [...new Set(errors)],
  };
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

export async function deployObjects(
  conn: Connection,
  objects: KubeObject[],
  opts: { ownerLabel: OwnerLabel } & DeployTuning,
  onEvent: (e: DeployEvent) => void,
): Promise<DeployResult> {
  const out = await runDeploy(conn, objects, opts, onEvent);
  return { status: out.status, results: out.results };
}
