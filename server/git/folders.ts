// What a Git export writes for a design: per cluster node, its folder (from the target's path template)
// holding exactly bundleFiles() of the render — the zip's and the CLI's layout — with the design id as
// owner identity, so what Argo CD or Flux applies is what a studio deploy would have applied.
// Secret values never go to Git: objects carrying a (masked) secret value are left out and named.
import { SECRET_MASK, type Design } from "@/lib/topology";
import { bundleFiles, renderAll, type KubeObject } from "@/server/render";
import { stringify } from "@/server/render/yaml";
import { ARGO_APPLICATION_FILE, type GitFolder } from "./export";
import { expandPath } from "./path-template";

export interface FolderOptions {
  /** Owner identity: the saved design's id, or the slug for a design file outside the studio. */
  designId: string;
  designSlug: string;
  pathTemplate: string;
  /** Only these cluster nodes (by name); default every cluster. */
  clusters?: readonly string[];
  /** Write an Argo CD Application per folder pointing at it in this repository and branch. */
  argoCd?: { repoUrl: string; branch: string };
}

export interface DesignFolders {
  folders: GitFolder[];
  /** Objects left out because they carry secret values (kind/name per cluster). */
  withheld: { cluster: string; object: string }[];
  objectCount: number;
}

function holdsSecretValue(o: KubeObject): boolean {
  return stringify(o).includes(SECRET_MASK);
}

/** Renders the (masked) design and lays out one folder per selected cluster node. */
export function designFolders(design: Design, opts: FolderOptions): DesignFolders {
  const withheld: DesignFolders["withheld"] = [];
  const namespaceOf = new Map(
    design.components.flatMap((c) => (c.kind === "cluster" ? [[c.name, c.settings.namespace] as const] : [])),
  );
  const rendered = renderAll(design, { designId: opts.designId, secrets: "masked" })
    .filter((r) => !opts.clusters || opts.clusters.includes(r.cluster))
    .map((r) => ({
      cluster: r.cluster,
      objects: r.objects.filter((o) => {
        if (!holdsSecretValue(o)) return true;
        withheld.push({ cluster: r.cluster, object: `${o.kind}/${o.metadata.name}` });
        return false;
      }),
    }));
  const folderOf = new Map(
    rendered.map((r) => [
      r.cluster,
      expandPath(opts.pathTemplate, {
        cluster: r.cluster,
        design: opts.designSlug,
        namespace: namespaceOf.get(r.cluster) ?? "default",
      }),
    ]),
  );
  const files = bundleFiles(rendered, (c) => folderOf.get(c)!);
  const folders = rendered.map((r) => {
    const dir = folderOf.get(r.cluster)!;
    const inside = files
      .filter((f) => f.path.startsWith(`${dir}/`) && !f.path.slice(dir.length + 1).includes("/"))
      .map((f) => ({ name: f.path.slice(dir.length + 1), content: f.content }));
    if (opts.argoCd)
      inside.push({
        name: ARGO_APPLICATION_FILE,
        content: stringify(argoApplication(opts, r.cluster, dir, namespaceOf.get(r.cluster) ?? "default")),
      });
    return { path: dir, files: inside };
  });
  return { folders, withheld, objectCount: rendered.reduce((n, r) => n + r.objects.length, 0) };
}

/** An Argo CD Application syncing the folder with prune and self-heal (the folder is the whole truth). */
function argoApplication(opts: FolderOptions, cluster: string, dir: string, namespace: string) {
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "Application",
    metadata: { name: `${opts.designSlug}-${cluster}`.slice(0, 253), namespace: "argocd" },
    spec: {
      project: "default",
      source: { repoURL: opts.argoCd!.repoUrl, targetRevision: opts.argoCd!.branch, path: dir },
      destination: { server: "https://kubernetes.default.svc", namespace },
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    },
  };
}
