// Browser calls to the GitOps API. A token goes up once, on register; nothing ever comes back.
import { fetchJson } from "@/components/ui/fetch-json";
import type { GitExportView } from "@/server/git/exports";
import type { GitTargetCheckView, GitTargetView } from "@/server/git/targets";

// Types come from the server modules (type-only imports: nothing of the server reaches the browser bundle).
export type { GitExportView } from "@/server/git/exports";
export type { GitTargetCheckView, GitTargetView } from "@/server/git/targets";

export interface RegisterGitTarget {
  name: string;
  url: string;
  auth: { kind: "https-token"; username?: string; token: string };
  branch?: string;
  pathTemplate?: string;
  authorName?: string;
  authorEmail?: string;
  argoCdApplication?: boolean;
}

export const gitTargetsApi = {
  list: () => fetchJson<{ gitTargets: GitTargetView[] }>("/api/git-targets").then((r) => r.gitTargets),
  register: (body: RegisterGitTarget) => fetchJson<GitTargetView>("/api/git-targets", { body }),
  remove: (id: string) => fetchJson(`/api/git-targets/${encodeURIComponent(id)}`, { method: "DELETE" }),
  check: (id: string) =>
    fetchJson<GitTargetCheckView>(`/api/git-targets/${encodeURIComponent(id)}/check`, { body: {} }),
};

export const gitExportsApi = {
  list: (designId: string) =>
    fetchJson<{ exports: GitExportView[] }>(`/api/designs/${encodeURIComponent(designId)}/exports`).then(
      (r) => r.exports,
    ),
  start: (designId: string, body: { cluster: string; revision?: number; reviewBranch?: boolean }) =>
    fetchJson<{ id: string }>(`/api/designs/${encodeURIComponent(designId)}/exports`, { body }),
};
