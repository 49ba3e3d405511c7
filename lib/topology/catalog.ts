import { CONNECTION_KINDS, CONNECTION_TEXT, type ConnectionKind } from "./connections";
import { KIND_DEFINITIONS, type ComponentKind, type KindDefinition } from "./kinds";

export { CONNECTION_KINDS, type ConnectionKind } from "./connections";
export type { ComponentKind } from "./kinds";

/** Every kind, in registry order; non-empty, so `z.enum(COMPONENT_KINDS)` accepts it. */
export const COMPONENT_KINDS = KIND_DEFINITIONS.map((k) => k.kind) as readonly ComponentKind[] as readonly [
  ComponentKind,
  ...ComponentKind[],
];

/** A kind's declaration as generic code reads it (settings as a plain schema). */
export type KindInfo = KindDefinition<ComponentKind>;

/** A total record over `keys`: what `Record<K, V>` promises, built without a cast at each use. */
function recordOf<K extends string, V>(keys: readonly K[], value: (k: K) => V): Record<K, V> {
  return Object.fromEntries(keys.map((k) => [k, value(k)])) as Record<K, V>;
}

export const KINDS: Record<ComponentKind, KindInfo> = recordOf(
  COMPONENT_KINDS,
  (k) => KIND_DEFINITIONS.find((d) => d.kind === k) as KindInfo,
);

const defaults = new Map<ComponentKind, Readonly<Record<string, unknown>>>();

/** A kind's settings when nothing is set: its schema's defaults. Shared: clone before editing. */
export function kindDefaults(kind: ComponentKind): Readonly<Record<string, unknown>> {
  let d = defaults.get(kind);
  if (!d) defaults.set(kind, (d = KINDS[kind].settings.parse({}) as Record<string, unknown>));
  return d;
}

/** Top-level settings as they will be once defaults apply: for views of settings that are mid-edit. */
export function withKindDefaults(kind: ComponentKind, settings: object): Record<string, unknown> {
  const set = Object.entries(settings).filter(([, v]) => v !== undefined);
  return { ...kindDefaults(kind), ...Object.fromEntries(set) };
}

export interface ConnectionInfo {
  kind: ConnectionKind;
  label: string;
  description: string;
  from: readonly ComponentKind[];
  to: readonly ComponentKind[];
}

/** Which (source kind → target kind) pairs each connection kind allows, from what each kind starts and accepts. */
export const CONNECTIONS: Record<ConnectionKind, ConnectionInfo> = recordOf(CONNECTION_KINDS, (kind) => ({
  kind,
  ...CONNECTION_TEXT[kind],
  from: COMPONENT_KINDS.filter((k) => KINDS[k].connections.starts.includes(kind)),
  to: COMPONENT_KINDS.filter((k) => KINDS[k].connections.accepts.includes(kind)),
}));

/** Why a connection is illegal, or null when the kinds allow it. The one place connection legality is decided. */
export function connectionProblem(kind: ConnectionKind, from: ComponentKind, to: ComponentKind): string | null {
  const c = CONNECTIONS[kind];
  if (!KINDS[from].connections.starts.includes(kind))
    return `${KINDS[from].label} cannot start a "${c.label}" connection (allowed: ${c.from.map((k) => KINDS[k].label).join(", ")})`;
  if (!KINDS[to].connections.accepts.includes(kind))
    return `a "${c.label}" connection from ${KINDS[from].label} cannot end at ${KINDS[to].label} (allowed: ${c.to.map((k) => KINDS[k].label).join(", ")})`;
  return null;
}

/** Whether a `kind` connection may go from a `fromKind` component to a `toKind` one. */
export function canConnect(kind: ConnectionKind, fromKind: ComponentKind, toKind: ComponentKind): boolean {
  return connectionProblem(kind, fromKind, toKind) === null;
}

/** The connection kinds that may join these two kinds, in catalog order (the canvas picks the first). */
export function legalConnectionKinds(from: ComponentKind, to: ComponentKind): ConnectionKind[] {
  return CONNECTION_KINDS.filter((k) => canConnect(k, from, to));
}

/** Connection kinds a component of this kind can start (its source handles). */
export function startsConnections(kind: ComponentKind): readonly ConnectionKind[] {
  return CONNECTION_KINDS.filter((k) => KINDS[kind].connections.starts.includes(k));
}

/** Connection kinds a component of this kind can accept (its target handles). */
export function acceptsConnections(kind: ComponentKind): readonly ConnectionKind[] {
  return CONNECTION_KINDS.filter((k) => KINDS[kind].connections.accepts.includes(k));
}
