"use client";
import { memo, useCallback, useMemo } from "react";
import { Trash2 } from "lucide-react";
import { CONNECTIONS, KINDS, legalConnectionKinds, type ComponentKind } from "@/lib/topology/catalog";
import type { Component } from "@/lib/topology/design";
import { dnsName } from "@/lib/topology/primitives";
import { versionsSchema } from "@/lib/topology/versions";
import { useEditor } from "./context";
import { KIND_STYLE, componentSummary } from "./kind-style";
import { describeSchema, issuesByPath, type FieldSpec } from "./schema-form";
import { SettingsForm } from "./SettingsForm";
import { ClusterBinding } from "@/components/deploy/ClusterBinding";
import { SizingSection } from "@/components/sizing/SizingSection";
import { isReadOnly, type PanelSource } from "@/components/source/source";
import { plural } from "@/lib/text/plural";

type ObjectSpec = Extract<FieldSpec, { type: "object" }>;

// Specs are derived once per kind; schemas never change at run time.
const specCache = new Map<string, ObjectSpec>();
function settingsSpec(kind: ComponentKind): ObjectSpec {
  let s = specCache.get(kind);
  if (!s) {
    s = describeSchema(KINDS[kind].settings) as ObjectSpec;
    specCache.set(kind, s);
  }
  return s;
}
const versionsSpec = () => {
  let s = specCache.get("<versions>");
  if (!s) specCache.set("<versions>", (s = describeSchema(versionsSchema) as ObjectSpec));
  return s;
};

/** Cluster width/height follow the node's resize handles, not the form. */
/** The deploy binding has its own control (components/deploy/ClusterBinding). */
const HIDDEN: Partial<Record<ComponentKind, string[]>> = {
  cluster: ["width", "height", "registeredClusterId", "gitTargetId"],
};

/**
 * Settings of the selection (component, connection, several) or of the design, from the editor store the
 * canvas shares. The source decides read-only (a share link always is) and whether the deploy binding shows.
 */
export const Inspector = memo(function Inspector({ source }: { source: PanelSource }) {
  const readOnly = isReadOnly(source);
  const selected = useEditor((s) => s.selected);
  const selectedEdges = useEditor((s) => s.selectedEdges);
  const design = useEditor((s) => s.design);

  if (selected.size === 1 && selectedEdges.size === 0) {
    const c = design.components.find((x) => selected.has(x.id));
    if (c)
      return (
        <ComponentInspector key={c.id} component={c} readOnly={readOnly} deployBinding={source.kind === "design"} />
      );
  }
  if (selectedEdges.size === 1 && selected.size === 0) {
    const e = design.connections.find((x) => selectedEdges.has(x.id));
    if (e) return <ConnectionInspector id={e.id} readOnly={readOnly} />;
  }
  if (selected.size + selectedEdges.size > 1) return <MultiInspector readOnly={readOnly} />;
  return <DesignInspector readOnly={readOnly} />;
});

function ComponentInspector({
  component: c,
  readOnly,
  deployBinding,
}: {
  component: Component;
  readOnly: boolean;
  /** Clusters of a saved design bind to a registered cluster; a share link has no deploy. */
  deployBinding: boolean;
}) {
  const update = useEditor((s) => s.updateComponent);
  const design = useEditor((s) => s.design);
  const info = KINDS[c.kind];
  const spec = settingsSpec(c.kind);
  const errors = useMemo(() => issuesByPath(info.settings, c.settings), [info.settings, c.settings]);
  const nameError = useMemo(() => {
    const r = dnsName.safeParse(c.name);
    if (!r.success) return r.error.issues[0]?.message;
    const scope = c.kind === "cluster" ? "<clusters>" : (c.cluster ?? "<outside>");
    const dup = design.components.some(
      (x) =>
        x.id !== c.id &&
        x.name === c.name &&
        (x.kind === "cluster" ? "<clusters>" : (x.cluster ?? "<outside>")) === scope,
    );
    return dup
      ? `another component${c.kind === "cluster" ? " cluster" : " in this cluster"} is already named "${c.name}"`
      : undefined;
  }, [c, design.components]);
  // Stable while the component only moves, so the (memoized) form is not re-rendered on every drag frame.
  const onSettings = useCallback(
    (settings: Record<string, unknown>, path: string) => update(c.id, { settings }, `settings:${c.id}:${path}`),
    [update, c.id],
  );
  const Icon = KIND_STYLE[c.kind].icon;
  const clusterName = c.cluster ? design.components.find((x) => x.id === c.cluster)?.name : undefined;

  return (
    <section className="tc-inspector" aria-label={`${info.label} settings`}>
      <header className="tc-inspector-head">
        <span className="tc-kind-icon" style={{ background: KIND_STYLE[c.kind].color }}>
          <Icon size={16} aria-hidden />
        </span>
        <div>
          <h2>{info.label}</h2>
          <p className="tc-muted">{componentSummary(c) || info.description}</p>
        </div>
      </header>
      <p className="tc-help">{info.description}</p>
      <div className="tc-form">
        <div className={`tc-row${nameError ? " tc-row-invalid" : ""}`}>
          <label htmlFor={`name-${c.id}`}>Name</label>
          <div className="tc-control">
            <input
              id={`name-${c.id}`}
              value={c.name}
              disabled={readOnly}
              spellCheck={false}
              aria-invalid={nameError ? true : undefined}
              onChange={(e) => update(c.id, { name: e.target.value }, `name:${c.id}`)}
            />
          </div>
          {nameError ? (
            <p className="tc-error" role="alert">
              {nameError}
            </p>
          ) : (
            <p className="tc-help">
              Kubernetes object name (DNS-1123){clusterName ? ` · in cluster ${clusterName}` : ""}.
            </p>
          )}
        </div>
      </div>
      <SettingsForm
        key={c.id}
        idPrefix={`f-${c.id}`}
        spec={spec}
        value={c.settings as Record<string, unknown>}
        errors={errors}
        readOnly={readOnly}
        secretPaths={info.secretPaths}
        hidden={HIDDEN[c.kind]}
        onChange={onSettings}
      />
      {c.kind === "cluster" && deployBinding && <ClusterBinding component={c} readOnly={readOnly} />}
      <SizingSection component={c} />
      <div className="tc-form">
        <div className="tc-row">
          <label htmlFor={`notes-${c.id}`}>Notes</label>
          <textarea
            id={`notes-${c.id}`}
            rows={3}
            disabled={readOnly}
            value={c.notes ?? ""}
            onChange={(e) => update(c.id, { notes: e.target.value }, `notes:${c.id}`)}
          />
        </div>
      </div>
    </section>
  );
}

function ConnectionInspector({ id, readOnly }: { id: string; readOnly?: boolean }) {
  const design = useEditor((s) => s.design);
  const setKind = useEditor((s) => s.setConnectionKind);
  const deleteItems = useEditor((s) => s.deleteItems);
  const e = design.connections.find((x) => x.id === id)!;
  const from = design.components.find((c) => c.id === e.from);
  const to = design.components.find((c) => c.id === e.to);
  const legal = from && to ? legalConnectionKinds(from.kind, to.kind) : [e.kind];
  return (
    <section className="tc-inspector" aria-label="Connection">
      <header className="tc-inspector-head">
        <div>
          <h2>{CONNECTIONS[e.kind].label} connection</h2>
          <p className="tc-muted">
            {from?.name ?? e.from} → {to?.name ?? e.to}
          </p>
        </div>
      </header>
      <p className="tc-help">{CONNECTIONS[e.kind].description}</p>
      <div className="tc-form">
        <div className="tc-row">
          <label htmlFor={`ck-${id}`}>Kind</label>
          <select
            id={`ck-${id}`}
            value={e.kind}
            disabled={readOnly || legal.length < 2}
            onChange={(ev) => setKind(id, ev.target.value as typeof e.kind)}
          >
            {legal.map((k) => (
              <option key={k} value={k}>
                {CONNECTIONS[k].label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {!readOnly && (
        <button type="button" className="tc-button tc-button-danger" onClick={() => deleteItems([], [id])}>
          <Trash2 size={14} aria-hidden /> Delete connection
        </button>
      )}
    </section>
  );
}

function MultiInspector({ readOnly }: { readOnly?: boolean }) {
  const n = useEditor((s) => s.selected.size);
  const m = useEditor((s) => s.selectedEdges.size);
  const del = useEditor((s) => s.deleteSelection);
  return (
    <section className="tc-inspector" aria-label="Selection">
      <h2>
        {n} component{n === 1 ? "" : "s"}, {m} connection{m === 1 ? "" : "s"} selected
      </h2>
      <p className="tc-help">Drag to move them together; Ctrl+C / Ctrl+V copies them.</p>
      {!readOnly && (
        <button type="button" className="tc-button tc-button-danger" onClick={del}>
          <Trash2 size={14} aria-hidden /> Delete selection
        </button>
      )}
    </section>
  );
}

function DesignInspector({ readOnly }: { readOnly?: boolean }) {
  const design = useEditor((s) => s.design);
  const updateMeta = useEditor((s) => s.updateDesignMeta);
  const errors = useMemo(() => issuesByPath(versionsSchema, design.versions), [design.versions]);
  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const c of design.components) m.set(c.kind, (m.get(c.kind) ?? 0) + 1);
    return m;
  }, [design.components]);
  return (
    <section className="tc-inspector" aria-label="Design settings">
      <header className="tc-inspector-head">
        <div>
          <h2>Design</h2>
          <p className="tc-muted">
            {plural(design.components.length, "component")} · {plural(design.connections.length, "connection")}
          </p>
        </div>
      </header>
      <div className="tc-form">
        <div className="tc-row">
          <label htmlFor="design-description">Description</label>
          <textarea
            id="design-description"
            rows={3}
            disabled={readOnly}
            value={design.description}
            onChange={(e) => updateMeta({ description: e.target.value }, "description")}
          />
        </div>
      </div>
      <h3 className="tc-subhead">Versions</h3>
      <SettingsForm
        idPrefix="versions"
        spec={versionsSpec()}
        value={design.versions as Record<string, unknown>}
        errors={errors}
        readOnly={readOnly}
        onChange={(v) => updateMeta({ versions: v as typeof design.versions }, "versions")}
      />
      {counts.size > 0 && (
        <>
          <h3 className="tc-subhead">Contents</h3>
          <ul className="tc-counts">
            {[...counts].map(([k, n]) => (
              <li key={k}>
                {KINDS[k as ComponentKind].label} <span className="tc-muted">× {n}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="tc-help">
        {readOnly
          ? "Select a component on the canvas to see its settings."
          : "Select a component to edit its settings. Press ? for keyboard shortcuts."}
      </p>
    </section>
  );
}
