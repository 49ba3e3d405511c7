// `topo export-git`, `--version` and `--json` as users run them: bin/topo.js in a subprocess, against a
// real Git server on 127.0.0.1 (node-git-server + the git binary) started by this test.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getTemplate } from "@/lib/topology/templates";
import { startGitServer, type TestGitServer } from "@/server/git/test/git-server";

const root = path.resolve(import.meta.dirname, "..");
const work = mkdtempSync(path.join(tmpdir(), "topo-git-"));
let git: TestGitServer;

// Asynchronous: the Git server runs in this process and must keep answering while the CLI runs.
function topo(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, "bin/topo.js"), ...args], {
      cwd: work,
      env: { ...process.env, ...env },
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("close", (code) => resolve({ code, out, err }));
  });
}

beforeAll(async () => {
  git = await startGitServer();
}, 30_000);
afterAll(async () => {
  await git?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe("topo export-git", { timeout: 120_000 }, () => {
  const base = () => [
    "export-git",
    "sidecar-ha",
    "--repo",
    git.url("cli"),
    "--user",
    git.user,
    "--token-env",
    "GIT_TOKEN",
  ];

  it("commits the template's folder and prints the commit id; the same again prints unchanged", async () => {
    const first = await topo([...base(), "--allow-insecure"], { GIT_TOKEN: git.token });
    expect(first.err).toMatch(/pushed to main: clusters\/prod\/sidecar-ha-pair/);
    expect(first.code).toBe(0);
    expect(first.out.trim()).toMatch(/^[0-9a-f]{40}$/);
    expect(await git.log("cli", "main")).toEqual([first.out.trim()]);
    const dir = await git.clone("cli", "main");
    const files = readdirSync(path.join(dir, "clusters/prod/sidecar-ha-pair"));
    expect(files).toContain("kustomization.yaml");
    expect(files.length).toBeGreaterThan(10);
    const again = await topo([...base(), "--allow-insecure"], { GIT_TOKEN: git.token });
    expect(again).toMatchObject({ code: 0, out: "unchanged\n" });
    expect(await git.log("cli", "main")).toHaveLength(1);
  });

  it("refuses http:// without --allow-insecure, and a wrong token with the remote's answer but not the token", async () => {
    const insecure = await topo(base(), { GIT_TOKEN: git.token });
    expect(insecure.code).toBe(3);
    expect(insecure.err).toMatch(/plain http:\/\/ would send the token in clear/);
    const wrong = "cli-wrong-token-sentinel";
    const denied = await topo([...base(), "--allow-insecure"], { GIT_TOKEN: wrong });
    expect(denied.code).toBe(3);
    expect(denied.err).toMatch(/refused the credentials \(HTTP 401/);
    expect(denied.err + denied.out).not.toContain(wrong);
    const unset = await topo([...base(), "--allow-insecure"]);
    expect(unset.code).toBe(2);
    expect(unset.err).toMatch(/GIT_TOKEN: the environment variable is not set/);
  });
});

describe("topo --version and --json", { timeout: 120_000 }, () => {
  it("--version prints the package version", async () => {
    const { version } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { version: string };
    expect(await topo(["--version"])).toMatchObject({ code: 0, out: `topo ${version}\n` });
  });

  it("lint --json prints the findings and counts; the exit code still says whether there are errors", async () => {
    const r = await topo(["lint", "sidecar-ha", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ source: "template sidecar-ha", findings: [], errors: 0, warnings: 0, info: 0 });
    // Without its object store the store gateway and compactor have no bucket: lint errors.
    const broken = structuredClone(getTemplate("sidecar-ha")!.design) as {
      components: { id: string; kind: string }[];
      connections: { from: string; to: string }[];
    };
    const bucket = broken.components.find((c) => c.kind === "objectStore")!.id;
    broken.components = broken.components.filter((c) => c.id !== bucket);
    broken.connections = broken.connections.filter((c) => c.from !== bucket && c.to !== bucket);
    writeFileSync(path.join(work, "broken.json"), JSON.stringify(broken));
    const bad = await topo(["lint", "broken.json", "--json"]);
    const parsed = JSON.parse(bad.out) as { findings: { severity: string; rule: string }[]; errors: number };
    expect(parsed.errors).toBe(2);
    expect(parsed.findings.filter((f) => f.severity === "error")).toHaveLength(2);
    expect(parsed.findings.some((f) => f.rule === "sidecar-no-upload")).toBe(true);
    expect(bad.code).toBe(1);
  });

  it("render --json gives clusters with their objects; a design the studio exported renders with its id", async () => {
    const plain = JSON.parse((await topo(["render", "sidecar-ha", "--json"])).out) as {
      clusters: { cluster: string; objects: { metadata: { labels?: Record<string, string> } }[] }[];
    };
    expect(plain.clusters.map((c) => c.cluster)).toEqual(["prod"]);
    const label = (c: typeof plain) => c.clusters[0].objects[0].metadata.labels?.["topology-studio.dev/design"];
    expect(label(plain)).toBe("sidecar-ha-pair");
    writeFileSync(
      path.join(work, "saved.json"),
      JSON.stringify({ id: "cmabc123design", name: "HA", revision: 3, design: getTemplate("sidecar-ha")!.design }),
    );
    const saved = JSON.parse((await topo(["render", "saved.json", "--json"])).out) as typeof plain;
    expect(label(saved)).toBe("cmabc123design");
    const flagged = JSON.parse(
      (await topo(["render", "sidecar-ha", "--json", "--design-id", "d-42"])).out,
    ) as typeof plain;
    expect(label(flagged)).toBe("d-42");
  });
});
