"use client";
import { HEALTH_TONE } from "@/lib/health";
import { X } from "lucide-react";
import { KINDS } from "@/lib/topology/catalog";
import type { ComponentKind } from "@/lib/topology/catalog";
import type { ComponentStatus, StatusReport } from "./api";
import { age, labelPairs, STATE_LABEL } from "./format";
import s from "./status.module.css";

/** Everything the last refresh learnt about one component, with the reason first. */
export function StatusDrawer({
  componentId,
  status,
  report,
  now,
  onClose,
}: {
  componentId: string;
  status: ComponentStatus | undefined;
  report: StatusReport;
  now: number;
  onClose(): void;
}) {
  if (!status) return null;
  const d = status.details;
  const kindLabel = KINDS[d.kind as ComponentKind]?.label ?? d.kind;
  const storeRows = report.stores.flatMap((q) =>
    q.rows.filter((r) => r.componentId === componentId).map((r) => ({ ...r, query: q.queryName })),
  );
  const uploads = report.uploads.metrics.filter((m) => m.componentId === componentId);
  const bucket = report.uploads.buckets.find((b) => b.componentId === componentId);
  const queryOwn = report.stores.find((q) => q.queryId === componentId);
  const cluster = d.kind === "cluster" ? report.clusters.find((c) => c.componentId === componentId) : undefined;
  return (
    <aside className={s.drawer} aria-label={`Status of ${d.name}`} data-testid="status-drawer">
      <header className={s.drawerHead}>
        <div className={s.drawerTitle}>
          <h2>{d.name}</h2>
          <p>
            {kindLabel}
            {d.cluster ? ` · cluster ${d.cluster}` : ""} · checked {age(now - Date.parse(status.checkedAt))} ago
          </p>
        </div>
        <span
          className={`${s.pill} ${s[HEALTH_TONE[status.state]]}`}
          data-testid="drawer-state"
          data-state={status.state}
        >
          {STATE_LABEL[status.state]}
        </span>
        <button type="button" className="btn btn-ghost btn-sm" onClick={onClose} aria-label="Close status details">
          <X size={16} aria-hidden />
        </button>
      </header>
      <div className={s.drawerBody}>
        <div className={`${s.reason} ${s[HEALTH_TONE[status.state]]}`} data-testid="drawer-reason">
          {status.reason}
        </div>

        {d.signals.length > 0 && (
          <section className={s.section}>
            <h3 className={s.sectionTitle}>Checks</h3>
            <ul className={s.signals}>
              {d.signals.map((sig, i) => (
                <li key={i}>
                  <span className={`${s.dot} ${s[HEALTH_TONE[sig.state]]}`} title={sig.state} />
                  <span className={s.source}>{sig.source}</span>
                  <span className={s.signalText}>{sig.reason}</span>
                </li>
              ))}
            </ul>
          </section>
        )}

        {cluster && (
          <section className={s.section}>
            <h3 className={s.sectionTitle}>Registered cluster</h3>
            <dl className={s.kv}>
              <dt>State</dt>
              <dd>{cluster.state}</dd>
              <dt>Bound to</dt>
              <dd>{cluster.registeredCluster?.name ?? "—"}</dd>
              <dt>Answered in</dt>
              <dd>{cluster.durationMs} ms</dd>
              {cluster.error && (
                <>
                  <dt>Error</dt>
                  <dd className={s.errorText}>{cluster.error}</dd>
                </>
              )}
            </dl>
          </section>
        )}

        {d.workloads && d.workloads.length > 0 && (
          <section className={s.section}>
            <h3 className={s.sectionTitle}>Workloads</h3>
            <table className={s.mini}>
              <thead>
                <tr>
                  <th>Object</th>
                  <th>Ready</th>
                </tr>
              </thead>
              <tbody>
                {d.workloads.map((w) => (
                  <tr key={`${w.kind}/${w.name}`}>
                    <td>
                      <span className={s.mono}>
                        {w.kind} {w.name}
                      </span>
                      {w.pods.length > 0 && (
                        <div className={s.pods}>
                          {w.pods.map((p) => (
                            <span
                              key={p.name}
                              className={s.pod}
                              title={`${p.phase}${p.reason ? ` (${p.reason})` : ""}, ${p.restarts} restarts`}
                            >
                              <span
                                className={`${s.dot} ${p.ready ? s.healthy : p.phase === "Running" ? s.degraded : s.down}`}
                              />
                              {p.name}
                            </span>
                          ))}
                        </div>
                      )}
                    </td>
                    <td className="nowrap">{w.found ? `${w.ready ?? 0}/${w.desired}` : "not found"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}

        {d.probes && d.probes.length > 0 && (
          <section className={s.section}>
            <h3 className={s.sectionTitle}>Probes (through the API server)</h3>
            <table className={s.mini}>
              <thead>
                <tr>
                  <th>Service</th>
                  <th>/-/ready</th>
                  <th>/-/healthy</th>
                </tr>
              </thead>
              <tbody>
                {d.probes.map((p) => (
                  <tr key={`${p.service}:${p.port}`}>
                    <td className={s.mono}>
                      {p.service}:{p.port}
                      <div className="faint">{p.role}</div>
                    </td>
                    <td title={p.ready.detail}>
                      {p.ready.ok ? "✓ ok" : <span className={s.errorText}>✗ {p.ready.detail}</span>}
                    </td>
                    <td title={p.healthy.detail}>
                      {p.healthy.ok ? "✓ ok" : <span className={s.errorText}>✗ {p.healthy.detail}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}

        {queryOwn && (
          <section className={s.section}>
            <h3 className={s.sectionTitle}>Stores this Query sees</h3>
            <p className="muted" style={{ margin: 0 }}>
              {queryOwn.error
                ? `not readable: ${queryOwn.error}`
                : `${queryOwn.rows.filter((r) => r.state === "up").length} up of ${queryOwn.rows.length} listed or expected; see the Stores tab.`}
            </p>
          </section>
        )}

        {storeRows.length > 0 && (
          <section className={s.section}>
            <h3 className={s.sectionTitle}>StoreAPI endpoints in Query</h3>
            <table className={s.mini}>
              <tbody>
                {storeRows.map((r, i) => (
                  <tr key={i}>
                    <td>
                      <span className={`${s.pill} ${s[r.state]}`}>{r.state}</span>
                    </td>
                    <td>
                      <span className={s.mono}>{r.name ?? `(${r.type})`}</span>
                      <div className="faint">in {r.query}</div>
                      {r.reason && r.state !== "up" && <div className={s.errorText}>{r.reason}</div>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}

        {uploads.map((u) => (
          <section key={u.service} className={s.section}>
            <h3 className={s.sectionTitle}>Uploads ({u.role})</h3>
            <dl className={s.kv}>
              <dt>State</dt>
              <dd>
                <span className={`${s.pill} ${s[u.state]}`}>{u.state}</span>
              </dd>
              <dt>Blocks uploaded</dt>
              <dd>{u.metrics?.uploads ?? "—"}</dd>
              <dt>Upload failures</dt>
              <dd>{u.metrics?.failures ?? "—"}</dd>
              <dt>Last success</dt>
              <dd>
                {u.metrics?.lastSuccessfulUpload
                  ? `${age(now - Date.parse(u.metrics.lastSuccessfulUpload))} ago`
                  : "never"}
              </dd>
              <dt>Note</dt>
              <dd>{u.reason}</dd>
            </dl>
          </section>
        ))}

        {bucket && (
          <section className={s.section}>
            <h3 className={s.sectionTitle}>Bucket</h3>
            <p style={{ margin: 0 }}>{bucket.reason}</p>
            {bucket.groups.map((g) => (
              <div key={g.key} className={s.chips}>
                {labelPairs(g.labels).map((p) => (
                  <span key={p} className={s.chip}>
                    {p}
                  </span>
                ))}
                <span className="faint" style={{ fontSize: 12 }}>
                  {g.blocks.length} blocks, newest{" "}
                  {g.newestArrivedAt ? `${age(now - Date.parse(g.newestArrivedAt))} ago` : "—"}
                </span>
              </div>
            ))}
          </section>
        )}
      </div>
    </aside>
  );
}
