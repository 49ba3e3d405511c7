// Browser calls for plan / deploy / progress / history (contract: issue 6; deployer role).
import { fetchJson } from "@/components/ui/fetch-json";

// Types come from the server modules (type-only imports: nothing of the server reaches the browser bundle).
import type { DeploymentSummary, DeploymentView, PlanView } from "@/server/deployments/service";
import type { StoredObject } from "@/server/deployments/runner";
export type { DeploymentSummary, DeploymentView, PlanView };
export type PlanAction = PlanView["entries"][number]["action"];
export type PlanEntry = PlanView["entries"][number];
export type DeployObject = StoredObject;
export type ObjectPhase = StoredObject["phase"];
export type DeploymentStatus = DeploymentView["status"];

const d = (id: string) => `/api/designs/${encodeURIComponent(id)}`;

export const deployApi = {
  plan: (designId: string, cluster: string, revision: number) =>
    fetchJson<PlanView>(`${d(designId)}/plans`, { body: { cluster, revision } }),
  deploy: (designId: string, cluster: string, revision: number) =>
    fetchJson<{ id: string }>(`${d(designId)}/deployments`, { body: { cluster, revision } }),
  history: (designId: string) =>
    fetchJson<{ deployments: DeploymentSummary[] }>(`${d(designId)}/deployments`).then((r) => r.deployments),
  get: (id: string) => fetchJson<DeploymentView>(`/api/deployments/${encodeURIComponent(id)}`),
};
