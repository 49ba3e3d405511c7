"use client";
// Find a component by name, kind or cluster (`/`, Ctrl+K): a small command palette over the design; Enter
// (or a click) hands the id back, and the editor selects it and centres the camera on it.
import { useId, useMemo, useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { KINDS } from "@/lib/topology/catalog";
import type { Component, Design } from "@/lib/topology/design";
import { KIND_STYLE } from "./kind-style";
import styles from "./search.module.css";

export interface SearchHit {
  component: Component;
  /** The containing cluster's name, if any. */
  cluster?: string;
}

const MAX_HITS = 50;

/**
 * Components matching every word of `query` in their name, kind label or cluster name; names that start
 * with the query first, then the design's order. An empty query lists everything.
 */
export function searchComponents(design: Design, query: string): SearchHit[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const clusters = new Map(design.components.filter((c) => c.kind === "cluster").map((c) => [c.id, c.name]));
  const hits: (SearchHit & { rank: number })[] = [];
  design.components.forEach((c, i) => {
    const cluster = c.cluster ? clusters.get(c.cluster) : undefined;
    const text = `${c.name} ${KINDS[c.kind].label} ${c.kind} ${cluster ?? ""}`.toLowerCase();
    if (!words.every((w) => text.includes(w))) return;
    const prefix = words.length > 0 && c.name.toLowerCase().startsWith(words[0]);
    hits.push({ component: c, cluster, rank: (prefix ? 0 : 1e6) + i });
  });
  return hits
    .sort((a, b) => a.rank - b.rank)
    .slice(0, MAX_HITS)
    .map(({ component, cluster }) => ({ component, cluster }));
}

export function ComponentSearch({
  open,
  design,
  onClose,
  onPick,
}: {
  open: boolean;
  design: Design;
  onClose(): void;
  onPick(componentId: string): void;
}) {
  return (
    <Dialog open={open} onClose={onClose} title="Find a component" width={480}>
      {/* Mounted only while open, so every opening starts from an empty query. */}
      {open && <SearchBody design={design} onClose={onClose} onPick={onPick} />}
    </Dialog>
  );
}

function SearchBody({ design, onClose, onPick }: { design: Design; onClose(): void; onPick(id: string): void }) {
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const listId = useId();
  const hits = useMemo(() => searchComponents(design, query), [design, query]);
  const current = Math.min(active, hits.length - 1);
  const pick = (id: string) => {
    onClose();
    onPick(id);
  };
  const optionId = (i: number) => `${listId}-${i}`;

  return (
    <div className={styles.search}>
      <input
        className="input"
        autoFocus
        role="combobox"
        aria-label="Component name or kind"
        aria-expanded
        aria-controls={listId}
        aria-activedescendant={current >= 0 ? optionId(current) : undefined}
        placeholder="Name, kind or cluster…"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            e.preventDefault();
            const step = e.key === "ArrowDown" ? 1 : -1;
            setActive((current + step + hits.length) % Math.max(hits.length, 1));
          } else if (e.key === "Enter" && hits[current]) {
            e.preventDefault();
            pick(hits[current].component.id);
          }
        }}
      />
      <ul id={listId} role="listbox" aria-label="Components" className={styles.hits}>
        {hits.map((h, i) => (
          <li
            key={h.component.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === current}
            className={styles.hit}
            onMouseEnter={() => setActive(i)}
            onClick={() => pick(h.component.id)}
          >
            <span className={styles.swatch} style={{ background: KIND_STYLE[h.component.kind].color }} aria-hidden />
            <strong>{h.component.name}</strong>
            <span className={styles.meta}>
              {KINDS[h.component.kind].label}
              {h.cluster ? ` · ${h.cluster}` : ""}
            </span>
          </li>
        ))}
        {hits.length === 0 && <li className={styles.none}>No component matches “{query}”.</li>}
      </ul>
    </div>
  );
}
