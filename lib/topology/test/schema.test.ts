import { describe, expect, it } from "vitest";
import { COMPONENT_KINDS, CONNECTIONS, CONNECTION_KINDS, KINDS, type ComponentKind } from "../catalog";
import { MAX_COMPONENTS, validateDesign, type DesignIssue } from "../design";
import { withReleaseTagPrefix } from "../versions";

const has = (issues: DesignIssue[], path: string, message: RegExp | string) =>
  issues.some(
    (i) => i.path === path && (typeof message === "string" ? i.message.includes(message) : message.test(i.message)),
  );

function issuesOf(doc: unknown): DesignIssue[] {
  const r = validateDesign(doc);
  if (r.ok) throw new Error("expected the design to be rejected");
  return r.issues;
}

describe("bad input is rejected with every problem listed by path, never a throw", () => {
  const bad = {
    name: "bad",
    components: [
      { id: "c1", kind: "cluster", name: "prod" },
      { id: "x", kind: "thanosSidecar", name: "side", cluster: "c1" },
      { id: "q", kind: "query", name: "Bad_Name", cluster: "c1", settings: { replicas: -1 } },
      { id: "q2", kind: "query", name: "dup", cluster: "c1" },
      { id: "q3", kind: "query", name: "dup", cluster: "c1" },
      { id: "o", kind: "query", name: "outside" },
      { id: "u", kind: "query", name: "lost", cluster: "nope" },
      { id: "n", kind: "query", name: "a".repeat(41), cluster: "c1" },
    ],
    connections: [
      { id: "e1", kind: "storeApi", from: "q2", to: "ghost" },
      { id: "e2", kind: "alerts", from: "q2", to: "q3" },
      { id: "e3", kind: "storeApi", from: "q2", to: "x" },
    ],
  };

  const issues = issuesOf(bad);

  it("unknown kind", () => expect(has(issues, "components.1.kind", /cluster.*prometheus/)).toBe(true));
  it("negative replicas", () => expect(has(issues, "components.2.settings.replicas", "must be 0 or more")).toBe(true));
  it("name that is not DNS-1123", () => expect(has(issues, "components.2.name", "DNS-1123")).toBe(true));
  it("name too long", () => expect(has(issues, "components.7.name", "at most 40")).toBe(true));
  it("duplicate names in one cluster (reported despite field errors elsewhere)", () =>
    expect(has(issues, "components.4.name", 'duplicate name "dup"')).toBe(true));
  it("component outside a cluster", () =>
    expect(has(issues, "components.5.cluster", 'Query "outside" must be placed inside a cluster')).toBe(true));
  it("unknown cluster id", () => expect(has(issues, "components.6.cluster", 'unknown cluster id "nope"')).toBe(true));
  it("unknown component id in a connection", () =>
    expect(has(issues, "connections.0.to", 'unknown component id "ghost"')).toBe(true));
  it("illegal connection, naming the kinds allowed", () =>
    expect(
      has(
        issues,
        "connections.1.kind",
        'illegal connection: Query cannot start a "alerts" connection (allowed: Prometheus, Ruler)',
      ),
    ).toBe(true));
  it("a connection to a component of unknown kind is not called unknown", () =>
    expect(issues.some((i) => i.path.startsWith("connections.2"))).toBe(false));

  it("each problem once", () => {
    const keys = issues.map((i) => `${i.path}|${i.message}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("garbage of every shape yields issues, not exceptions", () => {
    for (const raw of [
      undefined,
      null,
      42,
      "design",
      [],
      {},
      { components: "no" },
      { name: "x", components: [null, 3, { id: 5 }], connections: [null, { id: "e" }] },
    ]) {
      const r = validateDesign(raw);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues.length).toBeGreaterThan(0);
    }
  });

  it("duplicate ids, duplicate connections, self-connections and nested clusters", () => {
    const i = issuesOf({
      name: "d",
      components: [
        { id: "c1", kind: "cluster", name: "a" },
        { id: "c2", kind: "cluster", name: "b", cluster: "c1" },
        { id: "q", kind: "query", name: "q", cluster: "c1" },
        { id: "q", kind: "query", name: "q-two", cluster: "c1" },
        { id: "r", kind: "ruler", name: "r", cluster: "q" },
      ],
      connections: [
        { id: "e", kind: "storeApi", from: "q", to: "q" },
        { id: "e", kind: "queries", from: "r", to: "q" },
        { id: "f", kind: "queries", from: "r", to: "q" },
      ],
    });
    expect(has(i, "components.3.id", 'duplicate component id "q"')).toBe(true);
    expect(has(i, "components.1.cluster", "cannot be inside another cluster")).toBe(true);
    expect(has(i, "components.4.cluster", '"q" is a Query, not a cluster')).toBe(true);
    expect(has(i, "connections.0", "cannot connect to itself")).toBe(true);
    expect(has(i, "connections.1.id", 'duplicate connection id "e"')).toBe(true);
    expect(has(i, "connections.2", "duplicate queries connection")).toBe(true);
  });

  it(`a ${5000}-component design is refused with the max-components message`, () => {
    const components = [
      { id: "c", kind: "cluster", name: "c" },
      ...Array.from({ length: 4999 }, (_, i) => ({ id: `m${i}`, kind: "memcached", name: `m-${i}`, cluster: "c" })),
    ];
    const i = issuesOf({ name: "huge", components });
    expect(has(i, "components", `a design holds at most ${MAX_COMPONENTS} components`)).toBe(true);
  });
});

/** Two components of the given kinds in one cluster (an object store may sit outside). */
function pairDesign(kind: string, from: ComponentKind, to: ComponentKind) {
  const comp = (id: string, k: ComponentKind) =>
    k === "cluster" ? { id, kind: k, name: id } : { id, kind: k, name: id, cluster: "host" };
  return {
    name: "pair",
    components: [{ id: "host", kind: "cluster", name: "host" }, comp("a", from), comp("b", to)],
    connections: [{ id: "e", kind, from: "a", to: "b" }],
  };
}

describe("connection rules over the whole catalog", () => {
  const legal = CONNECTION_KINDS.flatMap((kind) =>
    CONNECTIONS[kind].from.flatMap((from) => CONNECTIONS[kind].to.map((to) => ({ kind, from, to }))),
  );

  it(`accepts every legal pair (${legal.length})`, () => {
    for (const { kind, from, to } of legal) {
      const r = validateDesign(pairDesign(kind, from, to));
      expect(r.ok ? [] : r.issues, `${kind}: ${from} → ${to}`).toEqual([]);
    }
  });

  it("rejects every illegal pair with a message naming the allowed kinds", () => {
    let checked = 0;
    for (const kind of CONNECTION_KINDS)
      for (const from of COMPONENT_KINDS)
        for (const to of COMPONENT_KINDS) {
          const c = CONNECTIONS[kind];
          if (c.from.includes(from) && c.to.includes(to)) continue;
          // Clusters hold components; a cluster as an endpoint is illegal for every kind, sample it less.
          if ((from === "cluster" || to === "cluster") && checked % 5 !== 0) {
            checked++;
            continue;
          }
          const i = issuesOf(pairDesign(kind, from, to));
          const allowed = (c.from.includes(from) ? c.to : c.from).map((k) => KINDS[k].label).join(", ");
          expect(
            has(i, "connections.0.kind", `(allowed: ${allowed})`),
            `${kind}: ${from} → ${to}: ${JSON.stringify(i)}`,
          ).toBe(true);
          checked++;
        }
    expect(checked).toBeGreaterThan(500);
  });
});

describe("release tags", () => {
  it("are vX.Y.Z for the tagged products; a stored design without the v still opens", () => {
    const doc = { name: "d", components: [], versions: { thanos: "0.42.4", prometheus: "v3.14.0", grafana: "12.2.0" } };
    const v = validateDesign(doc);
    expect(v.ok).toBe(false);
    expect(!v.ok && v.issues.map((i) => i.path)).toEqual(["versions.thanos"]);
    const read = validateDesign(withReleaseTagPrefix(doc));
    expect(read.ok && read.design.versions).toMatchObject({
      thanos: "v0.42.4",
      prometheus: "v3.14.0",
      grafana: "12.2.0",
    });
  });
});
