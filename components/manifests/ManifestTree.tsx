"use client";
// The objects of every cluster as a tree (cluster → kind → name) with a filter; a click picks an object.
import { memo, useMemo, useState } from "react";
import { ChevronDown, ChevronRight } from "lucide-react";
import type { ClusterManifests } from "@/components/source/queries";
import { filterObjects, groupByKind, indexManifests, type ManifestObject } from "./manifest-index";
import styles from "./manifests.module.css";

// Index each YAML once: the tree re-renders on every pick and filter keystroke.
const indexCache = new Map<string, ManifestObject[]>();
export function objectsOf(yaml: string): ManifestObject[] {
  let hit = indexCache.get(yaml);
  if (!hit) {
    if (indexCache.size > 200) indexCache.clear();
    indexCache.set(yaml, (hit = indexManifests(yaml)));
  }
  return hit;
}

export const ManifestTree = memo(function ManifestTree({
  clusters,
  active,
  picked,
  filter,
  onFilter,
  onCluster,
  onPick,
}: {
  clusters: ClusterManifests[];
  active: string | undefined;
  /** The picked object's key, in the active cluster. */
  picked: string | null;
  filter: string;
  onFilter(filter: string): void;
  onCluster(cluster: string): void;
  onPick(cluster: string, object: ManifestObject): void;
}) {
  const [closed, setClosed] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setClosed((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const filtering = filter.trim() !== "";
  const rows = useMemo(
    () =>
      clusters.map((c) => {
        const objects = c.yaml === undefined ? null : objectsOf(c.yaml);
        const shown = objects && filterObjects(objects, filter);
        return { name: c.name, total: objects?.length, groups: shown ? groupByKind(shown) : null };
      }),
    [clusters, filter],
  );
  const matches = rows.reduce((n, r) => n + (r.groups?.reduce((m, g) => m + g.objects.length, 0) ?? 0), 0);

  return (
    <nav className={styles.tree} aria-label="Objects">
      <input
        className="input"
        type="search"
        placeholder="Filter objects…"
        aria-label="Filter objects by kind, name or namespace"
        value={filter}
        onChange={(e) => onFilter(e.target.value)}
        data-testid="manifests-filter"
      />
      {filtering && (
        <p className={styles.treeNote} role="status">
          {matches} object{matches === 1 ? "" : "s"} match
        </p>
      )}
      <ul className={styles.treeList} aria-label="Clusters and their objects">
        {rows.map((r) => {
          // A filter opens every cluster it found something in; otherwise the shown cluster is open.
          const hidden = filtering && r.groups !== null && r.groups.length === 0;
          if (hidden) return null;
          const open = (filtering ? r.groups !== null : r.name === active) && !closed.has(`c:${r.name}`);
          return (
            <li key={r.name}>
              <button
                type="button"
                aria-expanded={open}
                aria-current={r.name === active ? "true" : undefined}
                className={`${styles.treeRow} ${r.name === active ? styles.isActive : ""}`}
                onClick={() => {
                  if (r.name === active) toggle(`c:${r.name}`);
                  else {
                    setClosed((s) => new Set([...s].filter((x) => x !== `c:${r.name}`)));
                    onCluster(r.name);
                  }
                }}
              >
                {open ? <ChevronDown size={14} aria-hidden /> : <ChevronRight size={14} aria-hidden />}
                <strong>{r.name}</strong>
                {r.total !== undefined && <span className={styles.treeCount}>{r.total}</span>}
              </button>
              {open && r.groups && (
                <ul>
                  {r.groups.map((g) => {
                    const id = `k:${r.name}/${g.kind}`;
                    const kindOpen = !closed.has(id);
                    return (
                      <li key={g.kind}>
                        <button
                          type="button"
                          aria-expanded={kindOpen}
                          className={`${styles.treeRow} ${styles.kindRow}`}
                          onClick={() => toggle(id)}
                        >
                          {kindOpen ? <ChevronDown size={13} aria-hidden /> : <ChevronRight size={13} aria-hidden />}
                          {g.kind}
                          <span className={styles.treeCount}>{g.objects.length}</span>
                        </button>
                        {kindOpen && (
                          <ul>
                            {g.objects.map((o) => (
                              <li key={o.key}>
                                <button
                                  type="button"
                                  className={`${styles.treeRow} ${styles.objectRow} ${
                                    r.name === active && o.key === picked ? styles.isPicked : ""
                                  }`}
                                  aria-current={r.name === active && o.key === picked ? "true" : undefined}
                                  onClick={() => onPick(r.name, o)}
                                  title={o.namespace ? `${o.namespace}/${o.name}` : o.name}
                                  data-testid="manifest-object"
                                >
                                  {o.name}
                                </button>
                              </li>
                            ))}
                          </ul>
                        )}
                      </li>
                    );
                  })}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </nav>
  );
});
