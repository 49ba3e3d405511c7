import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { MAX_COMPONENTS, validateDesign } from "@/lib/topology";
import { getTemplate } from "@/lib/topology/templates";

/** The CLI as users run it: a subprocess of bin/topo.js, with no database and no server. */
const root = path.resolve(import.meta.dirname, "..");
const work = mkdtempSync(path.join(tmpdir(), "topo-cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function topo(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(root, "bin/topo.js"), ...args], {
    cwd: work,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("topo CLI", { timeout: 120_000 }, () => {
  it("lists the templates", () => {
    const r = topo("templates");
    expect(r.code).toBe(0);
    for (const name of [
      "sidecar-ha",
      "hashmod-shards",
      "full-stack-receiver",
      "operator-sidecar",
      "multi-cluster-receivers",
    ])
      expect(r.out).toContain(name);
  });

  it("exports a template as design JSON that renders exactly like the template", () => {
    const exp = topo("export", "hashmod-shards");
    expect(exp.code).toBe(0);
    const design = JSON.parse(exp.out);
    expect(validateDesign(design).ok).toBe(true);
    const file = path.join(work, "hashmod.json");
    writeFileSync(file, exp.out);
    const fromFile = topo("render", "hashmod.json");
    const fromTemplate = topo("render", "hashmod-shards");
    expect(fromFile.code).toBe(0);
    expect(fromFile.out).toBe(fromTemplate.out);
    const docs = parseAllDocuments(fromFile.out).map((d) => d.toJS());
    expect(docs.map((d) => d.kind)).toContain("StatefulSet");
    expect(
      docs.filter((d) => d.kind === "StatefulSet" && d.metadata.name.startsWith("prometheus-shard-")),
    ).toHaveLength(3);
  });

  it("renders one cluster with --cluster, and every cluster with a # cluster: line otherwise", () => {
    const all = topo("render", "multi-cluster-receivers");
    expect(all.code).toBe(0);
    expect(all.out.match(/^# cluster: .+$/gm)).toEqual([
      "# cluster: observer",
      "# cluster: kazusa",
      "# cluster: setsuna",
    ]);
    const one = topo("render", "multi-cluster-receivers", "--cluster", "kazusa");
    expect(one.code).toBe(0);
    expect(one.out).toContain("THANOS-TENANT: kazusa");
    expect(one.out).not.toContain("thanos-receiver-kazusa-0");
    const bad = topo("render", "multi-cluster-receivers", "--cluster", "nope");
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/unknown cluster "nope"/);
  });

  it("writes a folder per cluster, one numbered file per object in apply order", () => {
    const out = path.join(work, "out");
    const r = topo("render", "multi-cluster-receivers", "-o", out);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["kazusa", "observer", "setsuna"]);
    const files = readdirSync(path.join(out, "observer"))
      .filter((f) => f !== "kustomization.yaml")
      .sort();
    expect(readdirSync(path.join(out, "observer"))).toContain("kustomization.yaml");
    expect(files[0]).toBe("01-namespace-thanos.yaml");
    expect(files.every((f) => /^\d{2}-[a-z]+-[a-z0-9-]+\.yaml$/.test(f))).toBe(true);
    const kinds = files.map((f) => f.split("-")[1]);
    expect(kinds.indexOf("secret")).toBeLessThan(kinds.indexOf("statefulset"));
    expect(readFileSync(path.join(out, "observer", files[0]), "utf8")).toContain("kind: Namespace");
  });

  it("masks secret values unless --show-secrets is given", () => {
    const d = structuredClone(getTemplate("sidecar-ha")!.design);
    const bucket = d.components.find((c) => c.kind === "objectStore")!;
    Object.assign(bucket.settings as object, { accessKey: "AKIACLIEXAMPLE", secretKey: "cli-secret-value" });
    writeFileSync(path.join(work, "with-secrets.json"), JSON.stringify(d));
    const masked = topo("render", "with-secrets.json");
    expect(masked.code).toBe(0);
    expect(masked.out).not.toMatch(/AKIACLIEXAMPLE|cli-secret-value/);
    expect(masked.out).toContain('access_key: "********"');
    const clear = topo("render", "with-secrets.json", "--show-secrets");
    expect(clear.out).toContain("secret_key: cli-secret-value");
  });

  it("lints: exit 0 when clean, exit 1 with rule ids when the design has errors", () => {
    const clean = topo("lint", "sidecar-ha");
    expect(clean.code).toBe(0);
    expect(clean.out).toMatch(/0 errors/);
    const d = structuredClone(getTemplate("sidecar-ha")!.design);
    const compactor = d.components.find((c) => c.kind === "compactor")!;
    (compactor.settings as { replicas: number }).replicas = 2;
    writeFileSync(path.join(work, "two-compactors.json"), JSON.stringify(d));
    const r = topo("lint", "two-compactors.json");
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^error\s+compactor-singleton thanos-compactor: /m);
    expect(r.out).toMatch(/hint: /);
  });

  it("refuses to render a design with lint errors (an unsupported release) unless --force", () => {
    const d = structuredClone(getTemplate("sidecar-ha")!.design);
    d.versions = { thanos: "v0.99.0" };
    writeFileSync(path.join(work, "thanos-0.99.json"), JSON.stringify(d));
    const lint = topo("lint", "thanos-0.99.json");
    expect(lint.code).toBe(1);
    expect(lint.out).toMatch(/^error\s+version-unsupported versions\.thanos: Thanos v0\.99\.0 .*v0\.24 – v0\.42/m);
    const refused = topo("render", "thanos-0.99.json");
    expect(refused.code).toBe(1);
    expect(refused.out).toBe("");
    expect(refused.err).toMatch(/version-unsupported/);
    expect(refused.err).toMatch(/1 lint error; not rendering \(--force renders anyway\)/);
    const forced = topo("render", "thanos-0.99.json", "--force");
    expect(forced.code).toBe(0);
    expect(forced.out).toContain("image: quay.io/thanos/thanos:v0.99.0");
    expect(forced.err).toMatch(/rendering anyway/);
  });

  it("rejects invalid JSON and invalid designs with exit 2, listing every issue with its path", () => {
    writeFileSync(path.join(work, "broken.json"), "{ not json");
    const j = topo("render", "broken.json");
    expect(j.code).toBe(2);
    expect(j.err).toMatch(/invalid JSON in broken\.json/);

    writeFileSync(
      path.join(work, "invalid.json"),
      JSON.stringify({
        name: "bad",
        components: [
          { id: "c", kind: "cluster", name: "c" },
          { id: "q", kind: "query", name: "Not_DNS", cluster: "c", settings: { replicas: -1 } },
          { id: "q2", kind: "query", name: "dup", cluster: "c" },
          { id: "q3", kind: "query", name: "dup", cluster: "c" },
        ],
        connections: [{ id: "e", kind: "remoteWrite", from: "q2", to: "q3" }],
      }),
    );
    const v = topo("lint", "invalid.json");
    expect(v.code).toBe(2);
    expect(v.err).toMatch(/components\.1\.name: must be a DNS-1123 label/);
    expect(v.err).toMatch(/components\.1\.settings\.replicas: must be 0 or more/);
    expect(v.out).toBe("");
  });

  it("refuses designs over 2 MiB or over MAX_COMPONENTS with a clear 'too large' error", () => {
    writeFileSync(
      path.join(work, "huge.json"),
      JSON.stringify({ name: "x", description: "a".repeat(2 * 1024 * 1024 + 10), components: [] }),
    );
    const big = topo("render", "huge.json");
    expect(big.code).toBe(2);
    expect(big.err).toMatch(/design too large: .*limit is 2097152 bytes/);

    const components = [
      { id: "c", kind: "cluster", name: "c" },
      ...Array.from({ length: MAX_COMPONENTS + 1 }, (_, i) => ({
        id: `m${i}`,
        kind: "memcached",
        name: `m${i}`,
        cluster: "c",
      })),
    ];
    writeFileSync(path.join(work, "many.json"), JSON.stringify({ name: "x", components }));
    const many = topo("lint", "many.json");
    expect(many.code).toBe(2);
    expect(many.err).toMatch(
      new RegExp(`design too large: .* ${MAX_COMPONENTS + 2} components; the limit is ${MAX_COMPONENTS}`),
    );
  });

  it("explains unknown commands, files and templates", () => {
    expect(topo("deploy").code).toBe(2);
    const r = topo("render", "no-such-thing");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/neither a template \(sidecar-ha, .*\) nor a readable file/);
    expect(topo("export", "nope").code).toBe(2);
    expect(topo("--help").code).toBe(0);
  });

  it("resolves as `npx topo` from the repository root (npm exec finds the package's own bin)", () => {
    const r = spawnSync("npx", ["--no-install", "topo", "templates"], { cwd: root, encoding: "utf8", timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("hashmod-shards");
  });
});
