// The deploy contract shared by the server and the browser (types only, plus the resource key): what a
// stored plan says, what a run reports. The UI imports this module, never server/.
import type { HealthStatus } from "../health";
import type { ResourceKey } from "./resource-key";

export type { ResourceKey } from "./resource-key";

/** One field a deploy would change, from the live object to what applying makes of it. */
export interface FieldChange {
  /** Dotted path with list indexes: `spec.template.spec.containers[0].image`. */
  path: string;
  op: "add" | "remove" | "change";
  from?: unknown;
  to?: unknown;
}

export type PlanAction = "create" | "update" | "unchanged" | "prune";

export interface PlanEntry {
  key: ResourceKey;
  /** formatKey(key): how messages and progress rows name the object. */
  object: string;
  action: PlanAction;
  /** Field changes of an "update"; empty otherwise. */
  diff: FieldChange[];
}

export interface PlanSummary {
  create: number;
  update: number;
  unchanged: number;
  prune: number;
}

export interface PlanView {
  /** The stored plan's id: `POST /deployments {cluster, planId}` applies exactly this plan. */
  id: string;
  designId: string;
  revision: number;
  clusterNode: string;
  /** Other cluster nodes bound to the same registered cluster, deployed with this one. */
  alsoNodes: string[];
  namespace: string;
  /** `production`: deploying needs an approval by someone other than the author, and the name typed to confirm. */
  cluster: { id: string; name: string; server: string; production?: boolean };
  summary: PlanSummary;
  entries: PlanEntry[];
  /** Problems (missing permissions first); a plan with errors cannot be deployed. */
  errors: string[];
  approval: { required: boolean; approvedRevision: number | null };
  /** The revision's lint errors when planned (only with an override: without one the plan is refused). */
  lintErrors?: LintBlock[];
  /** Why the deployer planned despite them; null when there was nothing to override. */
  overrideReason?: string | null;
  createdAt: string;
}

/** A lint error that blocks plan and deploy (the 409 `lint-errors` body lists them). */
export interface LintBlock {
  rule: string;
  /** The component's name; null for a design-wide finding. */
  component: string | null;
  message: string;
}

/** Why a plan can no longer be deployed as reviewed (the 409 body lists them). */
export interface PlanDrift {
  key: ResourceKey;
  object: string;
  reason: string;
}

export type ObjectPhase =
  "pending" | "applying" | "applied" | "failed" | "pruned" | "waiting" | "ready" | "timeout" | "skipped";

export interface DeployObject {
  key?: ResourceKey;
  object: string;
  kind: string;
  action: PlanAction | "unknown";
  phase: ObjectPhase;
  message?: string;
  /** A workload's last assessed health during rollout, in the vocabulary of lib/health.ts. */
  health?: HealthStatus;
}

export type DeploymentStatus = "running" | "succeeded" | "failed" | "interrupted";

export interface DeploymentView {
  id: string;
  designId: string;
  revision: number;
  planId: string | null;
  cluster: { id: string; name: string };
  clusterNode: string | null;
  status: DeploymentStatus;
  startedBy: { id: string; name: string };
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
  /** Why this run was deployed despite lint errors; null when it had none. */
  overrideReason: string | null;
  progress: { done: number; total: number; percent: number };
  objects: DeployObject[];
  plan: PlanView | null;
}

export type DeploymentSummary = Omit<DeploymentView, "objects" | "plan">;
