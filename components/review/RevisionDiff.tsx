"use client";
// Pick two revisions and see what changed: the component/connection list (with changed settings paths),
// highlights on the canvas (through onDiff → the page's canvas overlay), and a per-cluster manifest diff.
import { useEffect, useMemo, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { ArrowRight } from "lucide-react";
import { CONNECTIONS, KINDS } from "@/lib/topology/catalog";
import type { Design } from "@/lib/topology/design";
import { diffCounts, diffDesigns, diffManifests, type DesignDiff, type ManifestDiff } from "@/lib/topology/diff";
import { fetchRevisionDesign, fetchRevisionManifests, sourceKey, type SourceRef } from "@/components/source/source";
import styles from "./review.module.css";

export interface RevisionOption {
  revision: number;
  label: string;
}

export interface DiffResult {
  before: Design;
  after: Design;
  diff: DesignDiff;
  from: number;
  to: number;
}

interface Props {
  /** Whose revisions: the design in the editor or a share link's. */
  source: SourceRef;
  /** Newest first. */
  revisions: RevisionOption[];
  defaultFrom: number;
  defaultTo: number;
  onDiff?(result: DiffResult | null): void;
  onSelectComponent?(id: string): void;
}

const clusterNames = (d: Design) => d.components.filter((c) => c.kind === "cluster").map((c) => c.name);

export function RevisionDiff({ source, revisions, defaultFrom, defaultTo, onDiff, onSelectComponent }: Props) {
  const [from, setFrom] = useState(defaultFrom);
  const [to, setTo] = useState(defaultTo);
  // Saved revisions never change, so both comparisons are cached for good.
  const designs = useQuery({
    queryKey: [...sourceKey(source), "diff", from, to],
    queryFn: async (): Promise<DiffResult> => {
      const [before, after] = await Promise.all([fetchRevisionDesign(source, from), fetchRevisionDesign(source, to)]);
      return { before, after, diff: diffDesigns(before, after), from, to };
    },
    staleTime: Infinity,
  });
  const result = designs.data ?? null;
  const rendered = useQuery({
    queryKey: [...sourceKey(source), "manifest-diff", from, to],
    enabled: result !== null,
    queryFn: async ({ signal }) => {
      // Render both sides per cluster; a cluster that exists on one side only shows as added/removed.
      const side = (rev: number, d: Design) =>
        Promise.all(
          clusterNames(d).map(async (cluster) => ({
            cluster,
            yaml: await fetchRevisionManifests(source, rev, cluster, signal),
          })),
        );
      const [a, b] = await Promise.all([side(from, result!.before), side(to, result!.after)]);
      return diffManifests(a, b);
    },
    staleTime: Infinity,
  });
  const manifests = rendered.data ?? null;
  const error = (designs.error ?? rendered.error)?.message ?? null;

  // The page highlights the diff on its canvas; tell it what is shown, and that nothing is once closed.
  useEffect(() => {
    onDiff?.(result);
  }, [result, onDiff]);
  useEffect(() => () => onDiff?.(null), [onDiff]);

  const names = useMemo(() => {
    const m = new Map<string, string>();
    for (const d of [result?.before, result?.after]) for (const c of d?.components ?? []) m.set(c.id, c.name);
    return m;
  }, [result]);

  const counts = result ? diffCounts(result.diff) : null;
  return (
    <section className={styles.diff} aria-label="Revision diff" data-testid="revision-diff">
      <div className={styles.diffPickers}>
        <label>
          From{" "}
          <select
            className="select"
            value={from}
            onChange={(e) => setFrom(Number(e.target.value))}
            aria-label="From revision"
          >
            {revisions.map((r) => (
              <option key={r.revision} value={r.revision}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <ArrowRight size={14} aria-hidden />
        <label>
          To{" "}
          <select
            className="select"
            value={to}
            onChange={(e) => setTo(Number(e.target.value))}
            aria-label="To revision"
          >
            {revisions.map((r) => (
              <option key={r.revision} value={r.revision}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
      </div>

      {error && <div className="alert alert-danger">{error}</div>}
      {!result && !error && <p className="muted">Comparing…</p>}
      {result && counts && (
        <>
          <div className={styles.diffSummary}>
            <span className="badge badge-success">{counts.added} added</span>
            <span className="badge badge-danger">{counts.removed} removed</span>
            <span className="badge badge-warning">{counts.changed} changed</span>
            {result.diff.design.length > 0 && <span className="badge">design: {result.diff.design.join(", ")}</span>}
          </div>
          {result.diff.components.length + result.diff.connections.length === 0 ? (
            <p className="muted">
              No component or connection changed between revision {from} and {to}.
            </p>
          ) : (
            <ul className={styles.changeList}>
              {result.diff.components.map((c) => (
                <li
                  key={`c-${c.id}`}
                  className={styles.changeItem}
                  data-change={c.change}
                  onClick={() => c.change !== "removed" && onSelectComponent?.(c.id)}
                >
                  <span>
                    <strong>{c.name}</strong>{" "}
                    <span className="muted">
                      {KINDS[c.kind].label} · {c.change}
                    </span>
                  </span>
                  {c.paths.length > 0 && <span className={styles.paths}>{c.paths.join(", ")}</span>}
                </li>
              ))}
              {result.diff.connections.map((e) => (
                <li key={`e-${e.id}`} className={styles.changeItem} data-change={e.change}>
                  <span>
                    {names.get(e.from) ?? e.from} → {names.get(e.to) ?? e.to}{" "}
                    <span className="muted">
                      {CONNECTIONS[e.kind].label} · {e.change}
                    </span>
                  </span>
                  {e.paths.length > 0 && <span className={styles.paths}>{e.paths.join(", ")}</span>}
                </li>
              ))}
            </ul>
          )}
          <h3 className={styles.sectionTitle}>Manifests</h3>
          {manifests === null ? (
            <p className="muted">Rendering both revisions…</p>
          ) : (
            manifests.map((m) => <ClusterPatch key={m.cluster} diff={m} />)
          )}
        </>
      )}
    </section>
  );
}

function ClusterPatch({ diff }: { diff: ManifestDiff }) {
  const [open, setOpen] = useState(diff.status !== "unchanged");
  return (
    <div className={styles.clusterDiff} data-testid="manifest-diff">
      <div className={styles.clusterDiffHead}>
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          onClick={() => setOpen(!open)}
          aria-expanded={open}
          disabled={diff.status === "unchanged"}
        >
          {open ? "▾" : "▸"} cluster {diff.cluster}
        </button>
        {diff.status === "unchanged" ? (
          <span className="badge">unchanged</span>
        ) : (
          <>
            <span className="badge badge-success">+{diff.additions}</span>
            <span className="badge badge-danger">−{diff.deletions}</span>
            {diff.status !== "changed" && <span className="badge">cluster {diff.status}</span>}
          </>
        )}
      </div>
      {open && diff.patch && <UnifiedPatch patch={diff.patch} />}
    </div>
  );
}

function UnifiedPatch({ patch }: { patch: string }) {
  const lines = patch.replace(/\n$/, "").split("\n");
  return (
    <pre className={styles.patch}>
      {lines.map((l, i) => (
        <span
          key={i}
          className={
            l.startsWith("+++") || l.startsWith("---")
              ? styles.file
              : l.startsWith("@@")
                ? styles.hunk
                : l.startsWith("+")
                  ? styles.add
                  : l.startsWith("-")
                    ? styles.del
                    : undefined
          }
        >
          {l || " "}
        </span>
      ))}
    </pre>
  );
}
