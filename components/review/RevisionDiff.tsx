"use client";
// Pick two revisions and see what changed: the component/connection list (with changed settings paths),
// highlights on the canvas (through onDiff → the page's canvas overlay), and a per-cluster manifest diff.
import { useEffect, useMemo, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { ArrowRight } from "lucide-react";
import { CONNECTIONS, KINDS } from "@/lib/topology/catalog";
import type { Design } from "@/lib/topology/design";
import {
  diffCounts,
  diffDesigns,
  diffManifests,
  showValue,
  type DesignDiff,
  type ManifestDiff,
  type ValueChange,
} from "@/lib/topology/diff";
import { fetchRevisionDesign, fetchRevisionManifests, sourceKey, type SourceRef } from "@/components/source/source";
import styles from "./review.module.css";

export interface RevisionOption {
  revision: number;
  label: string;
  /** The message saved with the revision, shown in full under the pickers. */
  message?: string | null;
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
          </div>
          <RevisionMessages revisions={revisions} from={from} to={to} />
          {result.diff.designValues.length > 0 && (
            <div className={styles.changeItem} data-change="changed" data-testid="design-changes">
              <span>
                <strong>Design</strong> <span className="muted">changed</span>
              </span>
              <ValueChanges values={result.diff.designValues} />
            </div>
          )}
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
                  {c.values.length > 0 && <ValueChanges values={c.values} />}
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
                  {e.values.length > 0 && <ValueChanges values={e.values} names={names} />}
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

/** The messages saved with the two compared revisions, when they have one. */
function RevisionMessages({ revisions, from, to }: { revisions: RevisionOption[]; from: number; to: number }) {
  const shown = [from, to]
    .map((n) => revisions.find((r) => r.revision === n))
    .filter((r): r is RevisionOption & { message: string } => !!r?.message);
  if (shown.length === 0) return null;
  return (
    <dl className={styles.revisionMessages} data-testid="revision-messages">
      {shown.map((r) => (
        <div key={r.revision}>
          <dt>Revision {r.revision}</dt>
          <dd>{r.message}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A settings path reads as the inspector's field path: `settings.` is implied for a component. */
const fieldPath = (path: string) => path.replace(/^settings\./, "");

/** Old → new per changed path; connection ends are shown by component name. */
function ValueChanges({ values, names }: { values: ValueChange[]; names?: Map<string, string> }) {
  const side = (path: string, v: unknown) =>
    names && (path === "from" || path === "to") && typeof v === "string" ? (names.get(v) ?? v) : v;
  return (
    <ul className={styles.values}>
      {values.map((v) => (
        <ValueRow key={v.path} path={fieldPath(v.path)} before={side(v.path, v.before)} after={side(v.path, v.after)} />
      ))}
    </ul>
  );
}

function ValueRow({ path, before, after }: { path: string; before: unknown; after: unknown }) {
  const [open, setOpen] = useState(false);
  const [a, b] = [showValue(before), showValue(after)];
  const cut = a.short !== a.full || b.short !== b.full;
  return (
    <li className={styles.valueRow} data-testid="value-change">
      <code className={styles.valuePath}>{path}</code> <span className={styles.before}>{a.short}</span>{" "}
      <span aria-label="becomes">→</span> <span className={styles.after}>{b.short}</span>
      {cut && (
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          aria-expanded={open}
          onClick={(e) => {
            e.stopPropagation();
            setOpen(!open);
          }}
        >
          {open ? "Less" : "All"}
        </button>
      )}
      {open && (
        <div className={styles.valueFull}>
          <pre aria-label="Before" tabIndex={0}>
            {a.full}
          </pre>
          <pre aria-label="After" tabIndex={0}>
            {b.full}
          </pre>
        </div>
      )}
    </li>
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
    <pre className={styles.patch} tabIndex={0} aria-label="Manifest changes">
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
