"use client";
import { useEffect, useRef } from "react";
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { HighlightStyle, bracketMatching, syntaxHighlighting } from "@codemirror/language";
import { EditorState } from "@codemirror/state";
import { EditorView, keymap, placeholder } from "@codemirror/view";
import { tags } from "@lezer/highlight";
import { PromQLExtension, type PrometheusClient } from "@prometheus-io/codemirror-promql";
import { STACK_LABELS, STACK_METRICS } from "@/lib/topology/promql/metrics";
import { PROMQL_GOTO_EVENT } from "./schema-form";

/**
 * Completion without a Prometheus to ask: the stack's own metric names and labels. Functions, keywords and
 * aggregations come from the PromQL extension itself.
 */
const stackClient: PrometheusClient = {
  labelNames: async () => [...STACK_LABELS],
  labelValues: async () => [],
  metricMetadata: async () => Object.fromEntries(STACK_METRICS.map((m) => [m.name, [{ type: m.type, help: m.help }]])),
  series: async () => [],
  metricNames: async (prefix) => STACK_METRICS.map((m) => m.name).filter((n) => !prefix || n.startsWith(prefix)),
  flags: async () => ({}),
};

/** Colours for the tags lezer-promql gives its tokens (functions, aggregations, modifiers, metric names…). */
const promqlHighlight = HighlightStyle.define([
  { tag: tags.function(tags.variableName), color: "var(--syntax-function)" },
  { tag: tags.operatorKeyword, color: "var(--syntax-keyword)", fontWeight: "600" },
  { tag: tags.modifier, color: "var(--syntax-modifier)" },
  { tag: tags.variableName, color: "var(--syntax-name)" },
  { tag: tags.labelName, color: "var(--syntax-label)" },
  { tag: tags.string, color: "var(--syntax-string)" },
  { tag: tags.number, color: "var(--syntax-number)" },
  {
    tag: [tags.operator, tags.logicOperator, tags.arithmeticOperator],
    color: "var(--syntax-operator)",
    fontWeight: "600",
  },
  { tag: tags.comment, color: "var(--syntax-comment)", fontStyle: "italic" },
  { tag: tags.invalid, color: "var(--syntax-invalid)", textDecoration: "underline wavy var(--syntax-invalid)" },
]);

const theme = EditorView.theme({
  "&": { fontSize: "12.5px", background: "var(--surface)" },
  "&.cm-focused": { outline: "none" },
  ".cm-content": { fontFamily: "var(--font-mono, ui-monospace, monospace)", padding: "5px 0" },
  ".cm-line": { padding: "0 8px" },
  ".cm-matchingBracket": { background: "var(--syntax-bracket)", outline: "1px solid var(--syntax-bracket-outline)" },
  ".cm-tooltip-autocomplete": { fontSize: "12px" },
});

export interface PromqlEditorProps {
  /** Put on the editable element, so a label's htmlFor and a lint finding's focus reach it. */
  id: string;
  value: string;
  onChange(value: string): void;
  readOnly?: boolean;
  invalid?: boolean;
  describedBy?: string;
  placeholderText?: string;
}

/** A PromQL expression field: Prometheus's grammar for highlighting and diagnostics, brackets, completion. */
export default function PromqlEditor({
  id,
  value,
  onChange,
  readOnly,
  invalid,
  describedBy,
  placeholderText,
}: PromqlEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef({ value, onChange });
  useEffect(() => {
    latest.current = { value, onChange };
  });

  useEffect(() => {
    const promql = new PromQLExtension().setComplete({ remote: stackClient });
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: latest.current.value,
        extensions: [
          promql.asExtension(),
          syntaxHighlighting(promqlHighlight),
          bracketMatching(),
          closeBrackets(),
          autocompletion(),
          history(),
          keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap]),
          EditorView.lineWrapping,
          EditorState.readOnly.of(!!readOnly),
          EditorView.editable.of(!readOnly),
          placeholder(placeholderText ?? "PromQL expression"),
          theme,
          EditorView.contentAttributes.of({ id, "aria-label": "PromQL expression" }),
          EditorView.updateListener.of((u) => {
            if (!u.docChanged) return;
            const text = u.state.doc.toString();
            if (text !== latest.current.value) latest.current.onChange(text);
          }),
        ],
      }),
    });
    view.current = v;
    // A lint finding picked in the editor names a line and column: put the cursor there.
    const goto = (e: Event) => {
      const { line, column } = (e as CustomEvent<{ line: number; column: number }>).detail;
      const l = v.state.doc.line(Math.min(Math.max(line, 1), v.state.doc.lines));
      v.dispatch({ selection: { anchor: Math.min(l.from + column - 1, l.to) }, scrollIntoView: true });
    };
    v.contentDOM.addEventListener(PROMQL_GOTO_EVENT, goto);
    return () => {
      v.contentDOM.removeEventListener(PROMQL_GOTO_EVENT, goto);
      v.destroy();
      promql.destroy();
      view.current = null;
    };
  }, [id, readOnly, placeholderText]);

  // Outside changes (undo, a reset) replace the document; typing already matches it.
  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value)
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  return (
    <div
      ref={host}
      className="tc-promql"
      data-testid={`${id}-promql`}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
    />
  );
}
