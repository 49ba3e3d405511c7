import { describe, expect, it } from "vitest";
import { COMPONENT_KINDS, CONNECTION_KINDS, legalConnectionKinds, type ComponentKind } from "@/lib/topology/catalog";
import type { Component, Connection } from "@/lib/topology/design";
import { checkConnection, sourceHandles, targetHandles } from "../connection-rules";
import { defaultSettings } from "../store";

const comp = (id: string, kind: ComponentKind): Component =>
  ({ id, kind, name: id, position: { x: 0, y: 0 }, settings: defaultSettings(kind) }) as Component;

describe("typed handles", () => {
  it("give each kind one source handle per connection kind it can start and one target handle per kind it accepts", () => {
    expect(sourceHandles("prometheus")).toEqual(["uploadsTo", "remoteWrite", "alerts"]);
    expect(targetHandles("prometheus")).toEqual(["storeApi"]);
    expect(sourceHandles("query")).toEqual(["storeApi"]);
    expect(targetHandles("query")).toEqual(["storeApi", "downstream", "queries"]);
    expect(sourceHandles("objectStore")).toEqual([]);
    expect(targetHandles("objectStore")).toEqual(["uploadsTo"]);
    expect(sourceHandles("cluster")).toEqual([]);
    expect(targetHandles("cluster")).toEqual([]);
  });
});

describe("checkConnection", () => {
  const query = comp("q", "query");
  const prom = comp("p", "prometheus");
  const bucket = comp("b", "objectStore");
  const grafana = comp("g", "grafana");

  it("accepts a legal connection and reports its kind", () => {
    expect(checkConnection("storeApi", query, prom, [])).toEqual({ ok: true, kind: "storeApi" });
    expect(checkConnection("uploadsTo", prom, bucket, [])).toEqual({ ok: true, kind: "uploadsTo" });
    expect(checkConnection("queries", grafana, query, [])).toEqual({ ok: true, kind: "queries" });
  });

  it("explains why an illegal target is refused, naming the allowed kinds", () => {
    const r = checkConnection("uploadsTo", prom, query, []);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/cannot end at Query.*allowed: Object Store/);
  });

  it("explains why a kind cannot start a connection", () => {
    const r = checkConnection("storeApi", prom, query, []);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/^Prometheus cannot start a "StoreAPI" connection/);
  });

  it("refuses self-connections, duplicates and missing handles", () => {
    expect(checkConnection("storeApi", query, query, [])).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/itself/),
    });
    const existing: Connection[] = [{ id: "e1", kind: "storeApi", from: "q", to: "p" }];
    expect(checkConnection("storeApi", query, prom, existing)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/already has a StoreAPI connection/),
    });
    expect(checkConnection(null, query, prom, [])).toMatchObject({ ok: false });
    expect(checkConnection("storeApi", query, undefined, [])).toMatchObject({ ok: false });
  });

  it("agrees with the catalog for every pair of kinds and every handle", () => {
    for (const a of COMPONENT_KINDS)
      for (const b of COMPONENT_KINDS)
        for (const k of CONNECTION_KINDS) {
          const r = checkConnection(k, comp("a", a), comp("b", b), []);
          expect(r.ok, `${k}: ${a} → ${b}`).toBe(legalConnectionKinds(a, b).includes(k));
        }
  });
});
