// Browser calls to the clusters API. A kubeconfig goes up once, on register; nothing ever comes back.
import { fetchJson } from "@/components/ui/fetch-json";

export interface ClusterView {
  id: string;
  name: string;
  server: string;
  contextName: string;
  userName: string;
  namespaceDefault: string | null;
  inCluster: boolean;
  createdBy: { id: string; name: string };
  createdAt: string;
}

export interface Permission {
  verb: string;
  group: string;
  resource: string;
  namespace?: string;
  allowed: boolean;
}

export interface ClusterCheck {
  clusterId: string;
  namespaces: string[];
  serverVersion: string;
  permissions: Permission[];
  missing: Permission[];
  ok: boolean;
}

export type RegisterBody =
  | { name: string; kubeconfig: string; context?: string; namespace?: string }
  | { name: string; inCluster: true; namespace?: string };

export const clustersApi = {
  list: () => fetchJson<{ clusters: ClusterView[] }>("/api/clusters").then((r) => r.clusters),
  register: (body: RegisterBody) => fetchJson<ClusterView>("/api/clusters", { body }),
  remove: (id: string) => fetchJson(`/api/clusters/${encodeURIComponent(id)}`, { method: "DELETE" }),
  check: (id: string, namespaces?: string[]) => fetchJson<ClusterCheck>(`/api/clusters/${encodeURIComponent(id)}/check`, { body: namespaces ? { namespaces } : {} }),
};
