// Browser calls for plan / deploy / progress / history (contract: issue 6; deployer role).
import { fetchJson } from "@/components/ui/fetch-json";

export type PlanAction = "create" | "update" | "unchanged" | "prune";

export interface PlanEntry {
  object: string;
  action: PlanAction;
  /** Field-level changes for updates, as the engine reports them. */
  diff?: unknown;
}

export interface PlanView {
  designId: string;
  revision: number;
  clusterNode: string;
  namespace: string;
  cluster: { id: string; name: string; server: string };
  summary: Record<PlanAction, number>;
  entries: PlanEntry[];
  errors: string[];
  approval: { required: boolean; approvedRevision: number | null };
}

export type ObjectPhase = "pending" | "applying" | "applied" | "failed" | "pruned" | "waiting" | "ready" | "timeout" | "skipped";

export interface DeployObject {
  object: string;
  kind: string;
  action: PlanAction | "unknown";
  phase: ObjectPhase;
  message?: string;
}

export type DeploymentStatus = "running" | "succeeded" | "failed" | "interrupted";

export interface DeploymentSummary {
  id: string;
  designId: string;
  revision: number;
  cluster: { id: string; name: string };
  clusterNode: string | null;
  status: DeploymentStatus;
  startedBy: { id: string; name: string };
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
  progress: { done: number; total: number; percent: number };
}

export interface DeploymentView extends DeploymentSummary {
  objects: DeployObject[];
  plan: PlanView | null;
}

const d = (id: string) => `/api/designs/${encodeURIComponent(id)}`;

export const deployApi = {
  plan: (designId: string, cluster: string, revision: number) => fetchJson<PlanView>(`${d(designId)}/plans`, { body: { cluster, revision } }),
  deploy: (designId: string, cluster: string, revision: number) => fetchJson<{ id: string }>(`${d(designId)}/deployments`, { body: { cluster, revision } }),
  history: (designId: string) => fetchJson<{ deployments: DeploymentSummary[] }>(`${d(designId)}/deployments`).then((r) => r.deployments),
  get: (id: string) => fetchJson<DeploymentView>(`/api/deployments/${encodeURIComponent(id)}`),
};
