import {
  CONNECTIONS,
  KINDS,
  acceptsConnections,
  connectionProblem,
  startsConnections,
  type ComponentKind,
  type ConnectionKind,
} from "@/lib/topology/catalog";
import type { Component, Connection } from "@/lib/topology/design";

/** Connection kinds a node of this kind can start (its source handles, one per kind). */
export function sourceHandles(kind: ComponentKind): readonly ConnectionKind[] {
  return startsConnections(kind);
}

/** Connection kinds a node of this kind can accept (its target handles). */
export function targetHandles(kind: ComponentKind): readonly ConnectionKind[] {
  return acceptsConnections(kind);
}

export type ConnectionCheck = { ok: true; kind: ConnectionKind } | { ok: false; reason: string };

/**
 * Whether a connection drawn from `from`'s `kind` handle to `to` may be made. The source handle decides the
 * connection kind; the target handle does not matter as long as the target accepts that kind.
 */
export function checkConnection(
  kind: ConnectionKind | null | undefined,
  from: Component | undefined,
  to: Component | undefined,
  existing: readonly Connection[],
): ConnectionCheck {
  if (!from || !to) return { ok: false, reason: "Drop the connection on a component." };
  if (!kind || !CONNECTIONS[kind])
    return { ok: false, reason: "Start the connection from one of the coloured handles on the right of a component." };
  if (from.id === to.id) return { ok: false, reason: "A component cannot connect to itself." };
  const problem = connectionProblem(kind, from.kind, to.kind);
  if (problem) return { ok: false, reason: capitalise(problem) + "." };
  if (existing.some((e) => e.kind === kind && e.from === from.id && e.to === to.id))
    return {
      ok: false,
      reason: `${KINDS[from.kind].label} "${from.name}" already has a ${CONNECTIONS[kind].label} connection to "${to.name}".`,
    };
  return { ok: true, kind };
}

function capitalise(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
