// The one place the app reaches the deploy engine (server/kube, helper "kube"). Services import these
// names only, so the engine's module layout can change without touching them.
// TEMPORARY: the engine has not landed yet; these throw until it is wired.
import type { KubeObject } from "@/server/render";

export interface KubeconfigSummary {
  server: string;
  contextName: string;
  userName: string;
  namespace?: string;
}

export type Connection = unknown;

export interface Permission {
  verb: string;
  group: string;
  resource: string;
  namespace?: string;
  allowed: boolean;
}

export interface ConnectionCheck {
  serverVersion: string;
  permissions: Permission[];
  missing: Permission[];
}

export interface PlanEntry {
  object: string;
  action: "create" | "update" | "unchanged" | "prune";
  diff?: unknown;
}

export interface EnginePlan {
  entries: PlanEntry[];
  errors: string[];
}

export type DeployPhase = "applying" | "applied" | "failed" | "pruned" | "waiting" | "ready" | "timeout";
export interface DeployEvent {
  object: string;
  phase: DeployPhase;
  message?: string;
}
export interface DeployResult {
  status: "succeeded" | "failed";
  results: { object: string; action: string; status: string; message?: string }[];
}

const notYet = () => new Error("the deploy engine is not available in this build");

export function validateKubeconfig(_text: string, _context: string, _opts: { allowExec: boolean }): KubeconfigSummary {
  throw notYet();
}
export function connectKubeconfig(_text: string, _context: string, _opts: { allowExec: boolean }): Connection {
  throw notYet();
}
export function connectInCluster(): Connection {
  throw notYet();
}
export async function checkConnection(_conn: Connection, _namespaces: string[]): Promise<ConnectionCheck> {
  throw notYet();
}
export async function planObjects(_conn: Connection, _objects: KubeObject[], _ownerLabel: { key: string; value: string }): Promise<EnginePlan> {
  throw notYet();
}
export async function deployObjects(
  _conn: Connection,
  _objects: KubeObject[],
  _opts: { ownerLabel: { key: string; value: string } },
  _onEvent: (e: DeployEvent) => void,
): Promise<DeployResult> {
  throw notYet();
}
