import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { validateDesign } from "@/lib/topology";

/** `topo import` as users run it: a subprocess of bin/topo.js with files, folders and stdin. */
const root = path.resolve(import.meta.dirname, "..");
const work = mkdtempSync(path.join(tmpdir(), "topo-import-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const fixture = (name: string) => path.join(root, "lib/topology/import/test/fixtures", `${name}.yaml`);

function topo(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [path.join(root, "bin/topo.js"), ...args], {
    cwd: work,
    encoding: "utf8",
    timeout: 60_000,
    input,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("topo import", { timeout: 120_000 }, () => {
  it("writes a laid-out design and prints the report on stderr", () => {
    const r = topo(["import", fixture("kube-thanos"), "-o", "kt.json", "--name", "From kube-thanos"]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/^import: 8 components, 9 connections from \d+ objects \(\d+ mapped, 0 not understood\)/);
    expect(r.err).toContain("mapped          StatefulSet/thanos-receive-default → thanos-receive-default");
    expect(r.err).not.toContain("KT-SECRET-KEY-0002");
    const v = validateDesign(JSON.parse(readFileSync(path.join(work, "kt.json"), "utf8")));
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.design.name).toBe("From kube-thanos");
    const inside = v.design.components.filter((c) => c.cluster);
    expect(new Set(inside.map((c) => `${c.position.x},${c.position.y}`)).size).toBe(inside.length);
  });

  it("reads stdin, lists what it does not understand, and exits 0", () => {
    const r = topo(["import", "-"], readFileSync(fixture("kube-prometheus-stack"), "utf8"));
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).components.length).toBe(5);
    expect(r.err).toContain(
      "not understood  DaemonSet/kps-prometheus-node-exporter: a DaemonSet is not a component the studio models",
    );
  });

  it("makes one cluster node per --cluster argument", () => {
    mkdirSync(path.join(work, "east"), { recursive: true });
    writeFileSync(path.join(work, "east", "a.yaml"), readFileSync(fixture("bitnami-thanos"), "utf8"));
    const r = topo([
      "import",
      "--cluster",
      "west=" + fixture("kube-thanos"),
      "--cluster=east=east",
      "-o",
      "multi.json",
    ]);
    expect(r.code, r.err).toBe(0);
    const d = JSON.parse(readFileSync(path.join(work, "multi.json"), "utf8")) as {
      components: { kind: string; name: string }[];
    };
    expect(d.components.filter((c) => c.kind === "cluster").map((c) => c.name)).toEqual(["west", "east"]);
  });

  it("exits 2 on unreadable input, naming the file, document and line", () => {
    writeFileSync(
      path.join(work, "bad.yaml"),
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\nmetadata:\n  name: b\n",
    );
    const r = topo(["import", "bad.yaml"]);
    expect(r.code).toBe(2);
    expect(r.err).toBe("topo import: bad.yaml: document 1 (line 5): missing apiVersion\n");
    expect(topo(["import", "missing.yaml"]).code).toBe(2);
    expect(topo(["import"]).code).toBe(2);
  });
});
