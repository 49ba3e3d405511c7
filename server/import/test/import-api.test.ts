// POST /api/designs/import through its route handler on a real migrated SQLite database, and live discovery:
// a rendered template applied to the Kubernetes API test server with the real kubectl, imported from that
// registered cluster, then planned: the first plan changes nothing but what the report names.
import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as importRoute from "@/app/api/designs/import/route";
import { startKubeApi, type KubeApiServer } from "@/e2e/kube-api";
import { parseDesign } from "@/lib/topology";
import { lintDesign } from "@/lib/topology/lint";
import { TEMPLATES } from "@/lib/topology/templates";
import type { ImportReport } from "@/lib/topology/import";
import type { Actor } from "@/server/auth/actor";
import { registerCluster } from "@/server/clusters/service";
import { setAllowedNamespaces } from "@/server/clusters/allowed-namespaces";
import { db } from "@/server/db/client";
import { useTestDatabase } from "@/server/db/testing";
import { designService } from "@/server/designs/service";
import { planDeployment } from "@/server/deployments/service";
import { renderAll, toYaml } from "@/server/render";
import { call, makeUser, type TestUser } from "@/server/designs/test/fixtures";

const run = promisify(execFile);
process.env.STUDIO_SECRET_KEY ??= "import-api-test-key";

let editor: TestUser;
let viewer: TestUser;
let deployer: TestUser;
let kube: KubeApiServer;

const template = (name: string) => parseDesign(TEMPLATES.find((t) => t.name === name)!.design);
const SECRET = "IMPORT-TEST-SECRET-KEY";
/** sidecar-ha rendered with clear secret values, its bucket given keys the import must keep write-only. */
function bundleObjects() {
  const d = template("sidecar-ha");
  const store = d.components.find((c) => c.kind === "objectStore")!;
  (store.settings as Record<string, unknown>).accessKey = "IMPORT-TEST-ACCESS";
  (store.settings as Record<string, unknown>).secretKey = SECRET;
  return renderAll(d, { secrets: "clear" })[0].objects;
}
const bundle = () => toYaml(bundleObjects());
const designCount = () => db().design.count();
const post = (body: unknown, as: TestUser = editor) =>
  call(importRoute.POST, "POST", "/api/designs/import", { as, body });

beforeAll(async () => {
  await useTestDatabase();
  editor = await makeUser("editor", "Imogen");
  viewer = await makeUser("viewer", "Vic");
  deployer = await makeUser("deployer", "Dee");
  kube = await startKubeApi({ readyDelayMs: 50 });
}, 60_000);

afterAll(async () => {
  await kube?.stop();
});

describe("POST /api/designs/import", () => {
  it("saves the imported design laid out and answers 201 with its id, revision and report", async () => {
    const res = await post({ name: "Imported prod", manifests: bundle() });
    expect(res.status, await res.clone().text()).toBe(201);
    const body = (await res.json()) as { id: string; revision: number; report: ImportReport };
    expect(body.revision).toBe(1);
    expect(body.report.summary.notUnderstood).toBe(0);
    expect(JSON.stringify(body)).not.toContain(SECRET);
    const saved = await designService().get(body.id);
    expect(saved.design.name).toBe("Imported prod");
    // Laid out: no two components at the same place.
    const spots = new Set(saved.design.components.map((c) => `${c.cluster ?? ""}:${c.position.x},${c.position.y}`));
    expect(spots.size).toBe(saved.design.components.length);
    // The bucket key is stored (sealed) and read back masked.
    const store = saved.design.components.find((c) => c.kind === "objectStore")!;
    expect((store.settings as Record<string, unknown>).secretKey).toBe("********");
    const rev = await db().revision.findFirstOrThrow({ where: { designId: body.id } });
    expect(rev.document).not.toContain(SECRET);
    const decrypted = await designService().getDecryptedRevision(body.id, 1);
    const clear = decrypted.design.components.find((c) => c.kind === "objectStore")!;
    expect((clear.settings as Record<string, unknown>).secretKey).toBe(SECRET);
    expect(
      lintDesign(saved.design)
        .map((f) => f.rule)
        .sort(),
    ).toEqual(
      lintDesign(template("sidecar-ha"))
        .map((f) => f.rule)
        .sort(),
    );
  });

  it("imports several clusters into one design", async () => {
    const d = template("multi-cluster-receivers");
    const clusters = renderAll(d).map((r) => ({ name: r.cluster, manifests: toYaml(r.objects) }));
    const res = await post({ name: "Multi", clusters });
    expect(res.status, await res.clone().text()).toBe(201);
    const { report } = (await res.json()) as { report: ImportReport };
    expect(report.components.filter((c) => c.kind === "cluster").map((c) => c.name)).toEqual([
      "observer",
      "kazusa",
      "setsuna",
    ]);
  });

  it("dry run: the report and the masked design, nothing stored", async () => {
    const before = await designCount();
    const res = await post({ name: "Preview", manifests: bundle(), dryRun: true });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { design: { components: unknown[] }; report: ImportReport };
    expect(body.design.components.length).toBeGreaterThan(3);
    expect(JSON.stringify(body)).not.toContain(SECRET);
    expect(await designCount()).toBe(before);
  });

  it("400 with the document index and line for YAML that does not parse; nothing stored", async () => {
    const before = await designCount();
    const res = await post({ name: "Bad", manifests: `${bundle()}---\napiVersion: v1\nkind: [oops\n` });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { document: number; line: number; issues: { path: string; message: string }[] };
    // Documents count from 0: the broken one follows every rendered object.
    const index = bundleObjects().length;
    expect(body.document).toBe(index);
    // The line is in the broken document, past every line of the rendered ones.
    expect(body.line).toBeGreaterThan(bundle().split("\n").length);
    expect(body.issues[0]).toMatchObject({
      path: "manifests",
      message: expect.stringMatching(new RegExp(`^document ${index} \\(line ${body.line}\\)`)),
    });
    expect(await designCount()).toBe(before);
  });

  it("400 for a document without apiVersion or kind, naming it", async () => {
    const res = await post({
      name: "Bad",
      clusters: [{ name: "a", manifests: "apiVersion: v1\nmetadata:\n  name: x\n" }],
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { issues: { path: string; message: string }[] };
    expect(body.issues[0]).toEqual({ path: "clusters.0.manifests", message: "document 0 (line 1): missing kind" });
  });

  it("413 beyond 5,000 objects or 10 MiB; nothing stored", async () => {
    const before = await designCount();
    const many = Array.from(
      { length: 5001 },
      (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n`,
    ).join("---\n");
    expect((await post({ name: "Many", manifests: many })).status).toBe(413);
    const big = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  x: "${"a".repeat(10 * 1024 * 1024)}"\n`;
    expect((await post({ name: "Big", manifests: big })).status).toBe(413);
    expect(await designCount()).toBe(before);
  });

  it("needs the editor role; discovery needs the deployer role", async () => {
    expect((await post({ name: "x", manifests: bundle() }, viewer)).status).toBe(403);
    const res = await post({ name: "x", discover: { clusterId: "nope", namespaces: ["kube-mon"] } });
    expect(res.status).toBe(403);
  });
});

describe("live discovery", () => {
  let clusterId: string;
  let readonlyId: string;
  let deployerActor: Actor;

  beforeAll(async () => {
    const u = await db().user.findUniqueOrThrow({ where: { id: deployer.id } });
    deployerActor = { user: { id: u.id, email: u.email, name: u.name, role: "deployer" }, via: "session" };
    const dir = await mkdtemp(path.join(tmpdir(), "import-live-"));
    const kc = path.join(dir, "kubeconfig");
    await kube.writeKubeconfig(kc, "admin");
    const file = path.join(dir, "bundle.yaml");
    await writeFile(
      file,
      toYaml(renderAll(template("hashmod-shards"), { designId: "applied-by-hand", secrets: "clear" })[0].objects),
    );
    await run("kubectl", ["--kubeconfig", kc, "apply", "--server-side", "-f", file]);
    clusterId = (await registerCluster(deployerActor, { name: "live", kubeconfig: kube.kubeconfig("admin") })).id;
    readonlyId = (await registerCluster(deployerActor, { name: "live-ro", kubeconfig: kube.kubeconfig("readonly") }))
      .id;
  }, 60_000);

  it("reads what runs there with read-only credentials and gives the template's components back", async () => {
    const res = await post(
      { name: "Discovered", discover: { clusterId: readonlyId, namespaces: ["thanos"] }, dryRun: true },
      deployer,
    );
    expect(res.status, await res.clone().text()).toBe(200);
    const { report } = (await res.json()) as { report: ImportReport };
    const want = template("hashmod-shards")
      .components.map((c) => `${c.kind} ${c.name}`)
      .sort();
    expect(report.components.map((c) => `${c.kind} ${c.name}`).sort()).toEqual(want);
    expect(report.objects.filter((o) => o.status === "not-understood")).toEqual([]);
  });

  it("reads no namespace the registered cluster does not allow: 403, nothing stored", async () => {
    await setAllowedNamespaces(clusterId, ["somewhere-else"]);
    try {
      const before = await db().design.count();
      const res = await post({ name: "Outside", discover: { clusterId, namespaces: ["thanos"] } }, deployer);
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: string }).error).toContain("thanos");
      expect(await db().design.count()).toBe(before);
    } finally {
      await setAllowedNamespaces(clusterId, null);
    }
  });

  it("the first plan of the discovered design changes only what the report names", async () => {
    const res = await post({ name: "Discovered live", discover: { clusterId, namespaces: ["thanos"] } }, deployer);
    expect(res.status, await res.clone().text()).toBe(201);
    const { id, report } = (await res.json()) as { id: string; report: ImportReport };
    const ownerNote = report.notes.find((n) => n.message.includes("applied-by-hand"));
    expect(ownerNote?.message).toContain("relabels them as its own");
    const plan = await planDeployment(deployerActor, id, { cluster: "prometheus-ha" });
    expect(plan.errors).toEqual([]);
    expect(plan.summary.create).toBe(0);
    expect(plan.summary.prune).toBe(0);
    // Every change is one of the owner labels the report named, or the part-of value the self-monitoring job keeps.
    expect(ownerNote?.message).toContain("self-monitoring scrape job");
    const diffs = plan.entries.flatMap((e) => e.diff ?? []);
    expect(diffs.length).toBeGreaterThan(0);
    const owner = diffs.find((d) => d.path.endsWith("labels.topology-studio.dev/design"))!;
    for (const d of diffs) {
      if (d.path === "data.prometheus.yaml.tmpl")
        expect(String(d.from).replaceAll(`regex: ${String(owner.from)}\n`, `regex: ${String(owner.to)}\n`)).toBe(d.to);
      else expect(d.path).toMatch(/labels\.(topology-studio\.dev\/design|app\.kubernetes\.io\/part-of)$/);
    }
  }, 60_000);
});
