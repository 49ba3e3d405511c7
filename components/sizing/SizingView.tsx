"use client";
import { useMemo } from "react";
import { Gauge } from "lucide-react";
import { KINDS } from "@/lib/topology/catalog";
import type { Design } from "@/lib/topology/design";
import { estimatedSettings, formatBytes, RESOLUTIONS, trySizeDesign, undersized } from "@/lib/topology/sizing";
import { useEditorStoreOptional } from "@/components/canvas/context";
import { Button } from "@/components/ui/button";
import { BucketGrowthPlot } from "./BucketGrowthPlot";
import { bytes, cores, span } from "./format";
import "./sizing.css";

/**
 * The whole design's capacity plan: one row per component (estimate / configured) and, per object store, its
 * size by resolution with a growth plot. With an editor store and not read-only, *Apply estimates* writes the
 * suggestions as one undoable step.
 */
export function SizingView({ design, readOnly }: { design: Design; readOnly?: boolean }) {
  const store = useEditorStoreOptional();
  const report = useMemo(() => trySizeDesign(design) ?? { components: [], bucket: [] }, [design]);
  const updates = useMemo(() => estimatedSettings(design, report), [design, report]);
  const sized = report.components.filter((c) => c.estimate).length;
  return (
    <div className="tz-view" data-testid="sizing-view">
      <header className="tz-head">
        <div>
          <h2>
            <Gauge size={18} aria-hidden /> Sizing
          </h2>
          <p className="tc-muted">
            {sized} of {report.components.length} components sized from their declared load. Estimates are per pod;
            components without a load say so and get no number.
          </p>
        </div>
        {!readOnly && store && (
          <Button
            variant="primary"
            size="sm"
            disabled={updates.size === 0}
            onClick={() => store.getState().applySettings("Apply estimates", updates)}
            title="Write the suggested requests, memory limits and volume sizes into the design (undoable)"
          >
            Apply estimates{updates.size > 0 ? ` (${updates.size})` : ""}
          </Button>
        )}
      </header>
      <table className="tz-table">
        <thead>
          <tr>
            <th>Component</th>
            <th>Pods</th>
            <th>CPU</th>
            <th>Memory</th>
            <th>Volume</th>
            <th>Notes</th>
          </tr>
        </thead>
        <tbody>
          {report.components.map((c) => {
            const short = undersized(c);
            return (
              <tr key={c.id} data-testid={`sizing-row-${c.name}`} className={short ? "is-short" : undefined}>
                <th scope="row">
                  {c.name}
                  <div className="tc-muted">{KINDS[c.kind].label}</div>
                </th>
                <td>{c.pods}</td>
                <td>
                  {cores(c.estimate?.cpuCores)}
                  <div className="tc-muted">set {cores(c.configured.cpuCores)}</div>
                </td>
                <td>
                  {bytes(c.estimate?.memoryBytes)}
                  <div className="tc-muted">set {bytes(c.configured.memoryBytes)}</div>
                </td>
                <td>
                  {c.estimate?.storageBytes ? bytes(c.estimate.storageBytes) : "—"}
                  <div className="tc-muted">set {bytes(c.configured.storageBytes)}</div>
                </td>
                <td className="tz-notes">
                  {c.notSized ?? short ?? ""}
                  {c.findings.map((f, i) => (
                    <div key={i} className={`is-${f.severity}`}>
                      {f.message}
                    </div>
                  ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {report.bucket.map((b) => (
        <section key={b.objectStore} className="tz-bucket" aria-label={`Object store ${b.name}`}>
          <h3>Object store {b.name}</h3>
          {b.bytesByResolution ? (
            <>
              <p data-testid={`bucket-figures-${b.name}`}>
                {RESOLUTIONS.map((r) => `${r} ${formatBytes(b.bytesByResolution![r])}`).join(" · ")} after{" "}
                {span(b.horizonSeconds ?? 0)}; grows {formatBytes(b.monthlyGrowthBytes ?? 0)} per month while filling
                {b.monthlyCost !== undefined ? `; costs ${b.monthlyCost.toFixed(2)} per month at that size` : ""}.
                {b.retentionSeconds.raw === null
                  ? " Nothing deletes raw data (no compactor retention): it grows for ever."
                  : ""}
              </p>
              {b.excludes && (
                <p className="tc-help">Leaves out {b.excludes.join(", ")}: no load model for rule blocks.</p>
              )}
              <BucketGrowthPlot bucket={b} />
            </>
          ) : (
            <p className="tc-help">{b.notSized}</p>
          )}
        </section>
      ))}
    </div>
  );
}
