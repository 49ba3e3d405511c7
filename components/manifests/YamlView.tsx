"use client";
// One cluster's YAML, highlighted and read-only, with line numbers. The picked object is marked and
// scrolled to the top; a click on a line reports it, so the tree can follow what is read.
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { Segment, highlightYaml as Highlight } from "./yaml-highlight";
import styles from "./manifests.module.css";

// The grammar (lang-yaml and CodeMirror's language core) loads on first use, not with the editor: opening
// a design must not pull CodeMirror in before anyone reads manifests. Until then lines show unhighlighted.
let loaded: typeof Highlight | null = null;
const plain = (text: string): Segment[][] => text.split("\n").map((l) => (l ? [{ text: l }] : []));

function useHighlighter(): typeof Highlight {
  const [fn, setFn] = useState<typeof Highlight | null>(() => loaded);
  useEffect(() => {
    if (fn) return;
    let live = true;
    void import("./yaml-highlight").then((m) => {
      loaded = m.highlightYaml;
      if (live) setFn(() => m.highlightYaml);
    });
    return () => {
      live = false;
    };
  }, [fn]);
  return fn ?? plain;
}

export interface LineRange {
  startLine: number;
  endLine: number;
}

const Lines = memo(function Lines({ yaml }: { yaml: string }) {
  const highlight = useHighlighter();
  const lines = useMemo(() => highlight(yaml.replace(/\n$/, "")), [highlight, yaml]);
  return lines.map((segments, i) => (
    <span key={i} className={styles.line} data-line={i + 1}>
      {segments.length === 0
        ? "\n"
        : segments.map((s, k) =>
            s.token ? (
              <span key={k} className={styles[s.token]}>
                {s.text}
              </span>
            ) : (
              s.text
            ),
          )}
      {segments.length > 0 && "\n"}
    </span>
  ));
});

export function YamlView({
  yaml,
  label,
  mark,
  jump,
  onLine,
}: {
  yaml: string;
  label: string;
  /** The lines of the picked object. */
  mark: LineRange | null;
  /** Changes each time the view should scroll to `mark` (a click in the tree), not when a line was clicked. */
  jump: number;
  onLine?(line: number): void;
}) {
  const pre = useRef<HTMLPreElement>(null);
  const [box, setBox] = useState<{ top: number; height: number } | null>(null);

  // Measured from the rendered lines, so the mark follows the real line height at any zoom.
  useLayoutEffect(() => {
    const el = pre.current;
    const first = mark && el?.querySelector<HTMLElement>(`[data-line="${mark.startLine}"]`);
    const last = mark && el?.querySelector<HTMLElement>(`[data-line="${mark.endLine}"]`);
    setBox(
      first && last ? { top: first.offsetTop, height: last.offsetTop + last.offsetHeight - first.offsetTop } : null,
    );
  }, [mark, yaml]);

  useLayoutEffect(() => {
    const el = pre.current;
    const first = mark && el?.querySelector<HTMLElement>(`[data-line="${mark.startLine}"]`);
    if (el && first) el.scrollTop = Math.max(0, first.offsetTop - 8);
    // Only a new jump scrolls: marking the object under a clicked line must not move the text.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jump, yaml]);

  return (
    <pre
      ref={pre}
      className={styles.yaml}
      tabIndex={0}
      aria-label={label}
      data-testid="manifests-yaml"
      onClick={(e) => {
        const line = (e.target as HTMLElement).closest<HTMLElement>("[data-line]")?.dataset.line;
        if (line && onLine) onLine(Number(line));
      }}
    >
      {box && <span className={styles.mark} style={box} aria-hidden data-testid="manifests-mark" />}
      <Lines yaml={yaml} />
    </pre>
  );
}
