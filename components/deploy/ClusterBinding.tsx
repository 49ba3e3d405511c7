"use client";
// Inspector control for a cluster node: which registered cluster it deploys to. Writes
// settings.registeredClusterId through the editor store, so it is saved with the design (editor role).
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Link2, Server } from "lucide-react";
import type { Component } from "@/lib/topology/design";
import { clustersApi } from "@/components/clusters/api";
import { ApiError } from "@/components/ui/fetch-json";
import { useEditor } from "@/components/canvas/context";
import { GitTargetBinding } from "@/components/gitops/GitTargetBinding";
import styles from "./deploy.module.css";

export function ClusterBinding({ component: c, readOnly }: { component: Component; readOnly?: boolean }) {
  const update = useEditor((s) => s.updateComponent);
  const q = useQuery({ queryKey: ["clusters"], queryFn: clustersApi.list, staleTime: 30_000, retry: false });
  const settings = c.settings as { registeredClusterId?: string; namespace?: string };
  const bound = settings.registeredClusterId;
  const clusters = q.data ?? [];
  const current = clusters.find((x) => x.id === bound);
  const forbidden = q.error instanceof ApiError && q.error.status === 403;

  const set = (id: string) => {
    const next = { ...(c.settings as Record<string, unknown>) };
    if (id) next.registeredClusterId = id;
    else delete next.registeredClusterId;
    update(c.id, { settings: next }, `settings:${c.id}:registeredClusterId`);
  };

  return (
    <div className={`tc-form ${styles.binding}`} data-testid="cluster-binding">
      <div className="tc-row">
        <label htmlFor={`bind-${c.id}`}>
          <Link2 size={13} aria-hidden /> Deploys to
        </label>
        <div className="tc-control">
          {readOnly || forbidden ? (
            <span className={styles.bindingValue}>
              {current ? `${current.name} · ${current.server}` : bound ? "a registered cluster" : "not bound"}
            </span>
          ) : (
            <select
              id={`bind-${c.id}`}
              value={bound ?? ""}
              onChange={(e) => set(e.target.value)}
              disabled={q.isPending}
            >
              <option value="">Not bound</option>
              {clusters.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name} — {x.server}
                </option>
              ))}
              {bound && !current && !q.isPending ? <option value={bound}>Unknown cluster (deleted?)</option> : null}
            </select>
          )}
        </div>
        <p className="tc-help">
          {current ? (
            <>
              <Server size={12} aria-hidden /> Context {current.contextName} · namespace{" "}
              <strong>{settings.namespace ?? "monitoring"}</strong>. Save to keep the binding.
            </>
          ) : clusters.length === 0 && !q.isPending && !forbidden ? (
            <>
              No cluster is registered yet. <Link href="/clusters">Register one</Link> to deploy this design.
            </>
          ) : (
            "The registered cluster and namespace this node's objects are deployed to."
          )}
        </p>
      </div>
      <GitTargetBinding component={c} readOnly={readOnly} />
    </div>
  );
}
