import type { MeasuredRow } from "@/server/status/measured";
import { formatBytes, formatCount } from "@/lib/topology/sizing";
import "./sizing.css";

const LABEL: Record<MeasuredRow["metric"], string> = {
  headSeries: "head series",
  memory: "resident memory",
  bucketBytes: "bucket size",
};

/** Live status: each measured figure next to its sizing estimate; over 30% either way is flagged. */
export function MeasuredTable({ rows }: { rows: readonly MeasuredRow[] }) {
  if (rows.length === 0) return null;
  const fmt = (r: MeasuredRow, n: number) => (r.metric === "headSeries" ? formatCount(n) : formatBytes(n));
  return (
    <section className="tz-bucket" aria-label="Measured vs planned" data-testid="measured-vs-planned">
      <h3>Measured vs planned</h3>
      <table className="tz-table">
        <thead>
          <tr>
            <th>Component</th>
            <th>Figure</th>
            <th>Measured</th>
            <th>Planned</th>
            <th>Difference</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} className={r.flagged ? "is-short" : undefined} data-flagged={r.flagged || undefined}>
              <th scope="row">{r.componentName}</th>
              <td>
                {LABEL[r.metric]}
                <div className="tc-muted">{r.source}</div>
              </td>
              <td>{fmt(r, r.measured)}</td>
              <td>{fmt(r, r.planned)}</td>
              <td>
                {Number.isFinite(r.deviation) ? `${r.deviation > 0 ? "+" : ""}${Math.round(r.deviation * 100)}%` : "—"}
                {r.flagged ? " ⚠ over 30%" : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
