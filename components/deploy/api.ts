// Browser calls for plan / deploy / progress / history (deployer role). Types are the shared contract
// in lib/deploy/plan.ts (nothing of the server reaches the browser bundle).
import { fetchJson } from "@/components/ui/fetch-json";
import type {
  DeployObject,
  DeploymentStatus,
  DeploymentSummary,
  DeploymentView,
  LintBlock,
  ObjectPhase,
  PlanAction,
  PlanDrift,
  PlanEntry,
  PlanView,
} from "@/lib/deploy/plan";

export type {
  DeployObject,
  DeploymentStatus,
  DeploymentSummary,
  DeploymentView,
  LintBlock,
  ObjectPhase,
  PlanAction,
  PlanDrift,
  PlanEntry,
  PlanView,
};

/** The body of a 409 from POST /deployments: why the plan on screen cannot be deployed as it is. */
export interface DeployRefusal {
  error: string;
  reason?: "stale-revision" | "drift" | "plan-errors" | "approval" | "lint-errors";
  drift?: PlanDrift[];
  /** With reason "lint-errors": the errors that block (the same shape the Deploy tab lints locally). */
  findings?: LintBlock[];
  runningDeploymentId?: string | null;
}

const d = (id: string) => `/api/designs/${encodeURIComponent(id)}`;

export const deployApi = {
  /** With `overrideReason`: plan despite lint errors; the reason is kept with the plan and its deploy. */
  plan: (designId: string, cluster: string, revision: number, overrideReason?: string) =>
    fetchJson<PlanView>(`${d(designId)}/plans`, {
      body: { cluster, revision, ...(overrideReason ? { override: { reason: overrideReason } } : {}) },
    }),
  /** Deploys exactly the stored plan `planId`. */
  deploy: (designId: string, cluster: string, planId: string) =>
    fetchJson<{ id: string; planId: string }>(`${d(designId)}/deployments`, { body: { cluster, planId } }),
  history: (designId: string) =>
    fetchJson<{ deployments: DeploymentSummary[] }>(`${d(designId)}/deployments`).then((r) => r.deployments),
  get: (id: string) => fetchJson<DeploymentView>(`/api/deployments/${encodeURIComponent(id)}`),
};
