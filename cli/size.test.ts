import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { edit } from "@/lib/topology/test/lint-fixtures";

/** `topo size` as users run it: a subprocess of bin/topo.js. */
const root = path.resolve(import.meta.dirname, "..");
const work = mkdtempSync(path.join(tmpdir(), "topo-size-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const topo = (...args: string[]) => {
  const r = spawnSync(process.execPath, [path.join(root, "bin/topo.js"), ...args], {
    cwd: work,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe("topo size", { timeout: 120_000 }, () => {
  it("prints the contract JSON for a design with a declared load", () => {
    const e = edit().set("p", { load: { activeSeries: 1_000_000 }, resources: { limits: { memory: "2Gi" } } });
    writeFileSync(path.join(work, "d.json"), JSON.stringify(e.doc));
    const r = topo("size", "d.json", "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    const p = j.components.find((c: { id: string }) => c.id === "p");
    expect(p).toMatchObject({
      name: "prometheus",
      kind: "prometheus",
      estimate: { cpuCores: 0.433, memoryBytes: 3_340_435_456, storageBytes: 18_144_000_000 },
      configured: { memoryBytes: 2 * 1024 ** 3 },
    });
    expect(p.findings.map((f: { id: string }) => f.id)).toContain("sizing-memory-limit");
    expect(Object.keys(j.bucket[0].bytesByResolution)).toEqual(["raw", "5m", "1h"]);
    expect(j.bucket[0].monthlyGrowthBytes).toBeGreaterThan(0);
  });

  it("says 'not sized' for a template without load, as a table", () => {
    const r = topo("size", "sidecar-ha");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/prometheus\s+prometheus\s+2\s+-\s+-\s+-\s+not sized/);
    expect(r.out).toContain("0 of 6 components sized");
  });

  it("rejects a negative load naming the field, with exit code 2", () => {
    const e = edit().set("p", { load: { activeSeries: -5 } });
    writeFileSync(path.join(work, "bad.json"), JSON.stringify(e.doc));
    const r = topo("size", "bad.json");
    expect(r.code).toBe(2);
    expect(r.err).toContain("components.2.settings.load.activeSeries: must be 0 or more");
  });
});
