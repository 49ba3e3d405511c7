/**
 * Live status as a share guest sees it. A link pinned to one revision reports only that revision's
 * components (later revisions' buckets, clusters and endpoints stay out), and no guest gets the internal
 * text of a failure: error fields, endpoint addresses, Thanos's lastError and registered-cluster names are
 * dropped, and a failing signal's reason keeps only its first clause ("stores not readable"), up to the first ": " or "; ".
 */
import type { Design } from "@/lib/topology";
import { fold } from "@/server/status/live";
import type { ComponentStatus, Signal, StatusReport } from "@/server/status/report";

function guestReason(signal: Signal): Signal {
  if (signal.state === "Healthy") return signal;
  const cut = signal.reason.search(/: |; /);
  return { ...signal, reason: cut > 0 ? signal.reason.slice(0, cut) : signal.reason };
}

function guestComponent(c: ComponentStatus): ComponentStatus {
  const signals = c.details.signals.map(guestReason);
  return {
    ...c,
    ...fold(signals),
    details: {
      ...c.details,
      signals,
      probes: c.details.probes?.map((p) => ({
        ...p,
        ready: { ...p.ready, detail: p.ready.ok ? p.ready.detail : "not ready" },
        healthy: { ...p.healthy, detail: p.healthy.ok ? p.healthy.detail : "not healthy" },
      })),
    },
  };
}

/** `shared` is the pinned revision's design, or null for a link that follows the latest revision. */
export function guestStatus(report: StatusReport, shared: Design | null): StatusReport {
  const ids = shared ? new Set(shared.components.map((c) => c.id)) : null;
  const keep = (id: string | undefined) => ids === null || (id !== undefined && ids.has(id));
  const components: Record<string, ComponentStatus> = {};
  for (const [id, c] of Object.entries(report.components)) if (keep(id)) components[id] = guestComponent(c);
  return {
    ...report,
    clusters: report.clusters
      .filter((c) => keep(c.componentId))
      .map(({ error: _error, registeredCluster: _registered, ...c }) => c),
    components,
    stores: report.stores
      .filter((s) => keep(s.queryId))
      .map(({ error: _error, ...s }) => ({
        ...s,
        rows: s.rows
          .filter((r) => r.componentId !== undefined && keep(r.componentId))
          .map(({ name: _name, reason: _reason, ...r }) => ({ ...r, lastError: null })),
      })),
    uploads: {
      metrics: report.uploads.metrics
        .filter((m) => keep(m.componentId))
        .map(({ error: _error, ...m }) => ({ ...m, reason: guestReason({ source: "uploads", ...m }).reason })),
      buckets: report.uploads.buckets
        .filter((b) => keep(b.componentId))
        .map(({ error: _error, ...b }) => ({ ...b, reason: guestReason({ source: "bucket", ...b }).reason })),
    },
  };
}
