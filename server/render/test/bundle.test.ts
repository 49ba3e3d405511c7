// The bundle layout (a folder per cluster, a file per object, kustomization.yaml) built by the real kubectl.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { parseAllDocuments } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { parseDesign } from "@/lib/topology";
import { getTemplate } from "@/lib/topology/templates";
import { bundleFiles, renderAll } from "..";

const KUBECTL = ["/usr/bin/kubectl", "/usr/local/bin/kubectl"].find((p) => existsSync(p));
const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), "bundle-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("bundle layout", () => {
  const rendered = renderAll(parseDesign(getTemplate("multi-cluster-receivers")!.design), { designId: "d-1" });
  const files = bundleFiles(rendered);

  it("has a folder per cluster with one file per object, in apply order, and a kustomization listing them", () => {
    for (const { cluster, objects } of rendered) {
      const inFolder = files.filter((f) => f.path.startsWith(`${cluster}/`));
      expect(inFolder).toHaveLength(objects.length + 1);
      const k = inFolder.find((f) => f.path === `${cluster}/kustomization.yaml`)!;
      const resources = (parseAllDocuments(k.content)[0].toJS() as { resources: string[] }).resources;
      expect(resources).toEqual(inFolder.filter((f) => f !== k).map((f) => f.path.slice(cluster.length + 1)));
    }
  });

  it("places folders where the caller says", () => {
    const placed = bundleFiles(rendered, (c) => `clusters/${c}/demo/`);
    expect(placed.every((f) => /^clusters\/[a-z0-9-]+\/demo\/[^/]+\.yaml$/.test(f.path))).toBe(true);
  });

  it.skipIf(!KUBECTL)("kubectl kustomize builds exactly the rendered objects", { timeout: 60_000 }, async () => {
    for (const f of files) {
      mkdirSync(dirname(join(work, f.path)), { recursive: true });
      writeFileSync(join(work, f.path), f.content);
    }
    for (const { cluster, objects } of rendered) {
      const { stdout } = await run(KUBECTL!, ["kustomize", join(work, cluster)], { maxBuffer: 64 << 20 });
      const built = parseAllDocuments(stdout).map((d) => d.toJS());
      const key = (o: { kind: string; metadata: { name: string; namespace?: string } }) =>
        `${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`;
      // kustomize orders by its own kind priority; the set and every object's content must be identical.
      expect(new Map(built.map((o) => [key(o), o]))).toEqual(
        new Map(objects.map((o) => [key(o), JSON.parse(JSON.stringify(o))])),
      );
    }
  });
});
