import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { driftOf, liveVersion } from "./drift";
import type { KubeObject } from "./kinds";

// The same recorded StatefulSet at two moments of a rollout (testdata/record-health.ts).
const recorded = (name: string): KubeObject =>
  JSON.parse(readFileSync(join(import.meta.dirname, "testdata", "health", `${name}.json`), "utf8"));

describe("drift since a plan", () => {
  it("a controller writing status (new resourceVersion, same spec) is not drift", () => {
    const planned = recorded("sts-pods-starting");
    const now = structuredClone(planned) as KubeObject & { status: Record<string, unknown> };
    now.metadata.resourceVersion = "999";
    now.status.readyReplicas = 2;
    expect(driftOf(liveVersion(planned), now)).toBeNull();
  });

  it("a changed spec or label is drift, naming both resourceVersions", () => {
    const planned = recorded("sts-ready");
    const now = structuredClone(planned);
    now.metadata.resourceVersion = "999";
    now.metadata.labels = { ...now.metadata.labels, edited: "by-hand" };
    expect(driftOf(liveVersion(planned), now)).toBe(
      `changed since the plan (resourceVersion ${String(planned.metadata.resourceVersion)} → 999)`,
    );
    expect(driftOf(liveVersion(recorded("sts-ready")), recorded("sts-rolling"))).toMatch(/^changed since the plan/);
  });

  it("created or deleted since the plan is drift; a prune target already gone is not", () => {
    const o = recorded("sts-ready");
    expect(driftOf(null, o)).toBe("exists now but did not when planned");
    expect(driftOf(null, undefined)).toBeNull();
    expect(driftOf(liveVersion(o), undefined)).toBe("was deleted since the plan");
    expect(driftOf(liveVersion(o), undefined, true)).toBeNull();
  });

  it("the fingerprint ignores key order", () => {
    const o = recorded("sts-ready");
    const reordered = Object.fromEntries(Object.entries(o).reverse()) as KubeObject;
    expect(liveVersion(reordered)).toEqual(liveVersion(o));
  });
});
