// Settings → Audit log (admin): who did what and when, newest first, with filters that are plain query
// parameters (so a filtered view is a link) and the same filters for the JSON-lines export.
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";
import { AUDIT_ACTIONS, listAuditEvents } from "@/server/audit/log";
import { AuditQuery } from "@/server/audit/query";
import { requirePageActor } from "@/server/http/page-auth";
import { formatDate } from "../format";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

const FIELDS = ["action", "actor", "target", "from", "to"] as const;

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageActor("admin");
  const sp = await searchParams;
  const raw = Object.fromEntries(
    FIELDS.map((k) => [k, typeof sp[k] === "string" ? sp[k] : undefined]).filter(([, v]) => v),
  );
  const parsed = AuditQuery.safeParse(raw);
  const filter = parsed.success ? parsed.data : {};
  const entries = await listAuditEvents({ ...filter, limit: 200 });
  const exportQuery = new URLSearchParams(raw as Record<string, string>).toString();

  return (
    <div className="page">
      <PageHeader
        title="Audit log"
        description="Sign-ins, account and role changes, tokens, clusters, share links, approvals, plans, deploys and settings."
      />
      <section className="card" aria-labelledby="audit-filters">
        <div className="card-header">
          <div>
            <h2 id="audit-filters">Filters</h2>
            <p>
              {parsed.success ? `${entries.length} newest matching entries` : "Some filters were not understood"}
              {" · "}
              <Link href="/settings">Back to settings</Link>
            </p>
          </div>
          <a className="btn btn-secondary btn-sm" href={`/api/audit/export${exportQuery ? `?${exportQuery}` : ""}`}>
            Export JSON lines
          </a>
        </div>
        <form
          className="card-body"
          method="get"
          style={{ display: "flex", gap: 12, flexWrap: "wrap", alignItems: "end" }}
        >
          <label className="field">
            <span className="field-label">Action</span>
            <select className="select" name="action" defaultValue={raw.action ?? ""} data-testid="audit-action">
              <option value="">any</option>
              {[...new Set(AUDIT_ACTIONS.map((a) => `${a.split(".")[0]}.`))].map((prefix) => (
                <option key={prefix} value={prefix}>
                  {prefix}*
                </option>
              ))}
              {AUDIT_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field-label">Who</span>
            <input className="input" name="actor" defaultValue={raw.actor ?? ""} placeholder="email" />
          </label>
          <label className="field">
            <span className="field-label">Target</span>
            <input className="input" name="target" defaultValue={raw.target ?? ""} placeholder="design:…" />
          </label>
          <label className="field">
            <span className="field-label">From</span>
            <input className="input" type="date" name="from" defaultValue={raw.from ?? ""} />
          </label>
          <label className="field">
            <span className="field-label">To</span>
            <input className="input" type="date" name="to" defaultValue={raw.to ?? ""} />
          </label>
          <button type="submit" className="btn btn-primary btn-sm">
            Filter
          </button>
        </form>
      </section>
      <section className="card" style={{ marginTop: 16 }}>
        <table className="table" data-testid="audit-table">
          <thead>
            <tr>
              <th>When</th>
              <th>Action</th>
              <th>Who</th>
              <th>Address</th>
              <th>Target</th>
              <th>Details</th>
            </tr>
          </thead>
          <tbody>
            {entries.length === 0 ? (
              <tr>
                <td colSpan={6} className="muted">
                  No entries match.
                </td>
              </tr>
            ) : (
              entries.map((e) => (
                <tr key={e.id} data-action={e.action}>
                  <td className="muted nowrap">{formatDate(e.at)}</td>
                  <td className="nowrap">
                    <code>{e.action}</code>
                  </td>
                  <td className="wrap-anywhere">{e.actor ?? <span className="faint">—</span>}</td>
                  <td className="muted nowrap">{e.address ?? ""}</td>
                  <td className="muted wrap-anywhere">{e.target ?? ""}</td>
                  <td className="muted wrap-anywhere" style={{ fontSize: 12 }}>
                    {e.details ? <code>{JSON.stringify(e.details)}</code> : null}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </section>
    </div>
  );
}
