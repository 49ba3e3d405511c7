"use client";
// The result of "Check connection": server version, then missing permissions first (what to grant),
// then the full permission matrix per resource.
import { CheckCircle2, XCircle } from "lucide-react";
import type { ClusterCheck, Permission } from "./api";
import styles from "./clusters.module.css";

/** Missing permissions folded per resource and namespace: "configmaps in monitoring: create, patch, delete". */
export function groupMissing(missing: Permission[]): { resource: string; scope: string; verbs: string[] }[] {
  const groups = new Map<string, { resource: string; scope: string; verbs: string[] }>();
  for (const p of missing) {
    const resource = `${p.group ? `${p.group}/` : ""}${p.resource}`;
    const scope = p.namespace ? `in ${p.namespace}` : "cluster-wide";
    const key = `${resource} ${scope}`;
    const g = groups.get(key) ?? { resource, scope, verbs: [] };
    g.verbs.push(p.verb);
    groups.set(key, g);
  }
  return [...groups.values()];
}

/** Rows of the matrix: one per resource (+namespace), verbs as cells. */
function matrix(perms: Permission[]) {
  const verbs: string[] = [];
  const rows = new Map<string, { resource: string; group: string; namespace?: string; cells: Map<string, boolean> }>();
  for (const p of perms) {
    if (!verbs.includes(p.verb)) verbs.push(p.verb);
    const key = `${p.group}/${p.resource}/${p.namespace ?? ""}`;
    const row = rows.get(key) ?? { resource: p.resource, group: p.group, namespace: p.namespace, cells: new Map() };
    row.cells.set(p.verb, p.allowed);
    rows.set(key, row);
  }
  return { verbs, rows: [...rows.values()] };
}

export function CheckResult({ check }: { check: ClusterCheck }) {
  const { verbs, rows } = matrix(check.permissions);
  return (
    <div className={styles.check} data-testid="check-result">
      <div className={styles.checkSummary}>
        <div>
          <span className="faint">Server version</span>
          <strong data-testid="server-version">{check.serverVersion}</strong>
        </div>
        <div>
          <span className="faint">Namespaces checked</span>
          <strong>{check.namespaces.join(", ")}</strong>
        </div>
        <div>
          <span className="faint">Deploy permissions</span>
          {check.ok ? (
            <span className="badge badge-success">
              <CheckCircle2 size={13} aria-hidden /> All {check.permissions.length} granted
            </span>
          ) : (
            <span className="badge badge-danger">
              <XCircle size={13} aria-hidden /> {check.missing.length} missing
            </span>
          )}
        </div>
      </div>
      {check.missing.length > 0 ? (
        <div className="alert alert-danger" role="alert" data-testid="missing-permissions">
          <div>
            <strong>These credentials cannot deploy.</strong> Grant the missing permissions (a Role/ClusterRole bound to
            this user), then check again:
            <ul className={styles.missingList}>
              {groupMissing(check.missing).map((g) => (
                <li key={`${g.resource} ${g.scope}`}>
                  <code>{g.resource}</code> {g.scope}: {g.verbs.join(", ")}
                </li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
      {rows.length > 0 ? (
        <div className={styles.matrixWrap}>
          <table className={`table ${styles.matrix}`}>
            <thead>
              <tr>
                <th>Resource</th>
                {verbs.map((v) => (
                  <th key={v}>{v}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.group}/${r.resource}/${r.namespace ?? ""}`}>
                  <td>
                    <span className={styles.mono}>{r.resource}</span>
                    <span className={`faint ${styles.resourceScope}`}>
                      {r.group ? `${r.group} · ` : ""}
                      {r.namespace ? r.namespace : "cluster-wide"}
                    </span>
                  </td>
                  {verbs.map((v) => {
                    const a = r.cells.get(v);
                    return (
                      <td key={v} aria-label={a === undefined ? "not needed" : a ? "allowed" : "denied"}>
                        {a === undefined ? (
                          <span className="faint">—</span>
                        ) : a ? (
                          <CheckCircle2 size={15} className={styles.ok} aria-hidden />
                        ) : (
                          <XCircle size={15} className={styles.bad} aria-hidden />
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
