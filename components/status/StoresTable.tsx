"use client";
import type { QueryStores, StoreRow } from "./api";
import { age, labelPairs, stamp } from "./format";
import s from "./status.module.css";

const ROW_LABEL: Record<StoreRow["state"], string> = {
  up: "Up",
  down: "Down",
  missing: "Missing",
  mismatch: "Wrong labels",
  unexpected: "Unexpected",
};

/** Thanos Query's Stores page, placed next to the design: what each Query should see and what it sees. */
export function StoresTable({
  stores,
  onPickComponent,
  now,
}: {
  stores: QueryStores[];
  onPickComponent?(id: string): void;
  now: number;
}) {
  if (stores.length === 0)
    return <div className={s.empty}>This design has no Thanos Query, so there is no StoreAPI view to compare.</div>;
  return (
    <>
      {stores.map((q) => {
        const problems = q.rows.filter((r) => r.state !== "up").length;
        return (
          <section key={q.queryId} className={s.card} aria-label={`Stores of ${q.queryName}`} data-testid="stores-card">
            <header className={s.cardHead}>
              <h3>{q.queryName}</h3>
              <span className={s.cardSub}>cluster {q.cluster}</span>
              <span className={s.cardSub}>
                {q.expected} expected · {q.seen} listed by Query
              </span>
              {q.error ? (
                <span className={`${s.pill} ${s.unknown}`}>Not readable</span>
              ) : problems ? (
                <span className={`${s.pill} ${s.degraded}`}>
                  {problems} finding{problems === 1 ? "" : "s"}
                </span>
              ) : (
                <span className={`${s.pill} ${s.healthy}`}>All up</span>
              )}
            </header>
            {q.error ? (
              <div className={`alert alert-warning ${s.notice}`} style={{ margin: 12 }}>
                Could not read /api/v1/stores: {q.error}
              </div>
            ) : (
              <div style={{ overflowX: "auto" }}>
                <table className={s.table}>
                  <thead>
                    <tr>
                      <th>State</th>
                      <th>Type</th>
                      <th>Endpoint</th>
                      <th>Component</th>
                      <th>Label sets</th>
                      <th>Min time</th>
                      <th>Max time</th>
                      <th>Last check</th>
                      <th>Finding</th>
                    </tr>
                  </thead>
                  <tbody>
                    {q.rows.map((r, i) => (
                      <tr
                        key={`${r.name ?? r.componentId}-${i}`}
                        className={r.state !== "up" ? s.rowProblem : undefined}
                        data-testid="store-row"
                        data-state={r.state}
                      >
                        <td>
                          <span className={`${s.pill} ${s[r.state]}`}>{ROW_LABEL[r.state]}</span>
                        </td>
                        <td className={s.mono}>{r.type}</td>
                        <td className={s.mono}>{r.name ?? "—"}</td>
                        <td>
                          {r.componentId && onPickComponent ? (
                            <button type="button" className={s.linkish} onClick={() => onPickComponent(r.componentId!)}>
                              {r.componentName ?? r.componentId}
                            </button>
                          ) : (
                            (r.componentName ?? <span className="faint">not in the design</span>)
                          )}
                        </td>
                        <td className={s.labelsCell}>
                          {r.labelSets.length === 0 ? (
                            <span className="faint">none</span>
                          ) : (
                            <div className={s.chips}>
                              {r.labelSets.slice(0, 3).map((set, j) => (
                                <span key={j} className={s.chip} title={labelPairs(set).join(", ")}>
                                  {labelPairs(set).join(" ")}
                                </span>
                              ))}
                              {r.labelSets.length > 3 && <span className="faint">+{r.labelSets.length - 3}</span>}
                            </div>
                          )}
                        </td>
                        <td className={`${s.mono} nowrap`}>
                          {r.minTime === null ? (r.name ? "−∞" : "—") : stamp(r.minTime)}
                        </td>
                        <td className={`${s.mono} nowrap`}>
                          {r.maxTime === null ? (r.name ? "+∞" : "—") : stamp(r.maxTime)}
                        </td>
                        <td className="nowrap">{r.lastCheck ? `${age(now - Date.parse(r.lastCheck))} ago` : "—"}</td>
                        <td className={s.findingCell}>
                          {r.reason ? (
                            <div className={r.state === "up" ? undefined : s.errorText}>{r.reason}</div>
                          ) : (
                            <span className="faint">—</span>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        );
      })}
    </>
  );
}
