import type { ComponentKind, ConnectionKind } from "./catalog";
import type { Component, ComponentOf, Connection, Design } from "./design";

/** Read-only index over a design for lint, render and status. Build once per pass; lookups are O(1). */
export class DesignGraph {
  readonly byId = new Map<string, Component>();
  private readonly out = new Map<string, Connection[]>();
  private readonly in = new Map<string, Connection[]>();

  constructor(readonly design: Design) {
    for (const c of design.components) this.byId.set(c.id, c);
    for (const e of design.connections) {
      push(this.out, e.from, e);
      push(this.in, e.to, e);
    }
  }

  get(id: string): Component | undefined {
    return this.byId.get(id);
  }

  ofKind<K extends ComponentKind>(kind: K): ComponentOf<K>[] {
    return this.design.components.filter((c): c is ComponentOf<K> => c.kind === kind);
  }

  clusters(): ComponentOf<"cluster">[] {
    return this.ofKind("cluster");
  }

  clusterOf(c: Component): ComponentOf<"cluster"> | undefined {
    const p = c.cluster ? this.byId.get(c.cluster) : undefined;
    return p?.kind === "cluster" ? p : undefined;
  }

  /** Components placed inside a cluster, in document order. */
  inCluster(clusterId: string): Component[] {
    return this.design.components.filter((c) => c.cluster === clusterId);
  }

  /** Targets of `c`'s outgoing connections of one kind. */
  targets(c: Component, kind: ConnectionKind): Component[] {
    return (this.out.get(c.id) ?? [])
      .filter((e) => e.kind === kind)
      .map((e) => this.byId.get(e.to)!)
      .filter(Boolean);
  }

  /** Sources of connections of one kind that end at `c`. */
  sources(c: Component, kind: ConnectionKind): Component[] {
    return (this.in.get(c.id) ?? [])
      .filter((e) => e.kind === kind)
      .map((e) => this.byId.get(e.from)!)
      .filter(Boolean);
  }

  outgoing(c: Component): Connection[] {
    return this.out.get(c.id) ?? [];
  }

  incoming(c: Component): Connection[] {
    return this.in.get(c.id) ?? [];
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V) {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}
