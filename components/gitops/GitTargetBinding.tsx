"use client";
// Inspector control for a cluster node: which Git target its manifests are exported to (GitOps).
// Writes settings.gitTargetId through the editor store, so it is saved with the design.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { GitBranch } from "lucide-react";
import type { Component } from "@/lib/topology/design";
import { useEditor } from "@/components/canvas/context";
import { ApiError } from "@/components/ui/fetch-json";
import { gitTargetsApi } from "./api";

export function GitTargetBinding({ component: c, readOnly }: { component: Component; readOnly?: boolean }) {
  const update = useEditor((s) => s.updateComponent);
  const q = useQuery({ queryKey: ["git-targets"], queryFn: gitTargetsApi.list, staleTime: 30_000, retry: false });
  const bound = (c.settings as { gitTargetId?: string }).gitTargetId;
  const targets = q.data ?? [];
  const current = targets.find((t) => t.id === bound);
  const forbidden = q.error instanceof ApiError && q.error.status === 403;

  const set = (id: string) => {
    const next = { ...(c.settings as Record<string, unknown>) };
    if (id) next.gitTargetId = id;
    else delete next.gitTargetId;
    update(c.id, { settings: next }, `settings:${c.id}:gitTargetId`);
  };

  return (
    <div className="tc-row" data-testid="git-target-binding">
      <label htmlFor={`git-${c.id}`}>
        <GitBranch size={13} aria-hidden /> Exports to Git
      </label>
      <div className="tc-control">
        {readOnly || forbidden ? (
          <span>{current ? `${current.name} · ${current.branch}` : bound ? "a Git target" : "none"}</span>
        ) : (
          <select id={`git-${c.id}`} value={bound ?? ""} onChange={(e) => set(e.target.value)} disabled={q.isPending}>
            <option value="">No Git export</option>
            {targets.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name} — {t.branch}
              </option>
            ))}
            {bound && !current && !q.isPending ? <option value={bound}>Unknown Git target (deleted?)</option> : null}
          </select>
        )}
      </div>
      <p className="tc-help">
        {current ? (
          <>
            {current.url} · folder <code>{current.pathTemplate}</code>. Save, then export from the Deploy tab.
          </>
        ) : targets.length === 0 && !q.isPending && !forbidden ? (
          <>
            No Git target is registered. <Link href="/git-targets">Git targets</Link>
          </>
        ) : (
          "The repository this node's manifests are committed to, for Argo CD or Flux."
        )}
      </p>
    </div>
  );
}
