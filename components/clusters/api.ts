// Browser calls to the clusters API. A kubeconfig goes up once, on register; nothing ever comes back.
import { fetchJson } from "@/components/ui/fetch-json";
import type { ClusterCheckView, ClusterView, RegisteredClusterView } from "@/server/clusters/service";

// Types come from the server modules (type-only imports: nothing of the server reaches the browser bundle).
export type { ClusterView, ClusterCheckView as ClusterCheck } from "@/server/clusters/service";
export type { Permission } from "@/server/kube";

export type RegisterBody =
  | { name: string; kubeconfig: string; context?: string; namespace?: string; production?: boolean }
  | { name: string; inCluster: true; namespace?: string; production?: boolean };

export const clustersApi = {
  list: () => fetchJson<{ clusters: ClusterView[] }>("/api/clusters").then((r) => r.clusters),
  register: (body: RegisterBody) => fetchJson<RegisteredClusterView>("/api/clusters", { body }),
  remove: (id: string) => fetchJson(`/api/clusters/${encodeURIComponent(id)}`, { method: "DELETE" }),
  /** Admin: the allowed namespaces and the production flag (deploys then need a second person's approval). */
  update: (id: string, change: { allowedNamespaces?: string[] | null; production?: boolean }) =>
    fetchJson<ClusterView>(`/api/clusters/${encodeURIComponent(id)}`, { method: "PATCH", body: change }),
  check: (id: string, namespaces?: string[]) =>
    fetchJson<ClusterCheckView>(`/api/clusters/${encodeURIComponent(id)}/check`, {
      body: namespaces ? { namespaces } : {},
    }),
};
