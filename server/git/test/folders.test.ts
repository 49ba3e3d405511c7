// What a Git export writes for a design: the bundle layout at the target's path, an optional Argo CD
// Application pointing at that folder, and never an object holding a secret value.
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { maskSecrets, parseDesign } from "@/lib/topology";
import { getTemplate } from "@/lib/topology/templates";
import { bundleFiles, renderAll } from "@/server/render";
import { secretDesign, SECRET } from "@/server/designs/test/fixtures";
import { ARGO_APPLICATION_FILE } from "../export";
import { designFolders } from "../folders";

describe("design folders", () => {
  const design = parseDesign(getTemplate("multi-cluster-receivers")!.design);

  it("holds exactly bundleFiles() of each cluster at the expanded path template", () => {
    const { folders } = designFolders(design, {
      designId: "d-1",
      designSlug: "mcr",
      pathTemplate: "envs/{cluster}/{namespace}/{design}",
    });
    const expected = bundleFiles(renderAll(design, { designId: "d-1" }));
    expect(folders.length).toBe(renderAll(design).length);
    for (const f of folders) {
      expect(f.path).toMatch(/^envs\/[a-z0-9-]+\/[a-z0-9-]+\/mcr$/);
      const cluster = f.path.split("/")[1];
      const mine = expected.filter((e) => e.path.startsWith(`${cluster}/`));
      expect(f.files).toEqual(mine.map((e) => ({ name: e.path.slice(cluster.length + 1), content: e.content })));
    }
  });

  it("adds an Argo CD Application per folder that syncs that folder with prune and self-heal", () => {
    const { folders } = designFolders(design, {
      designId: "d-1",
      designSlug: "mcr",
      pathTemplate: "clusters/{cluster}/{design}",
      clusters: [renderAll(design)[0].cluster],
      argoCd: { repoUrl: "https://git.example.com/p.git", branch: "main" },
    });
    expect(folders).toHaveLength(1);
    const app = parseYaml(folders[0].files.find((f) => f.name === ARGO_APPLICATION_FILE)!.content) as {
      kind: string;
      spec: { source: { repoURL: string; targetRevision: string; path: string }; syncPolicy: unknown };
    };
    expect(app.kind).toBe("Application");
    expect(app.spec.source).toEqual({
      repoURL: "https://git.example.com/p.git",
      targetRevision: "main",
      path: folders[0].path,
    });
    expect(app.spec.syncPolicy).toEqual({ automated: { prune: true, selfHeal: true } });
    // The kustomization lists the objects only, so kustomize / Argo CD never apply the Application itself.
    const k = parseYaml(folders[0].files.find((f) => f.name === "kustomization.yaml")!.content) as {
      resources: string[];
    };
    expect(k.resources).not.toContain(ARGO_APPLICATION_FILE);
  });

  it("withholds objects that hold secret values, names them, and commits no value or mask", () => {
    const withKeys = maskSecrets(parseDesign(secretDesign("keys")));
    const out = designFolders(withKeys, { designId: "d-2", designSlug: "keys", pathTemplate: "c/{cluster}" });
    expect(out.withheld).toEqual([{ cluster: "eu-1", object: expect.stringMatching(/^Secret\//) }]);
    const text = out.folders.flatMap((f) => f.files.map((x) => x.content)).join("\n");
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain("********");
    const k = parseYaml(out.folders[0].files.find((f) => f.name === "kustomization.yaml")!.content) as {
      resources: string[];
    };
    expect(k.resources.some((r) => r.includes("-secret-"))).toBe(false);
  });
});
