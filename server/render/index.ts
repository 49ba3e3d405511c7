import { DesignGraph, type Component, type Design } from "@/lib/topology";
import { sortForApply } from "@/lib/kubernetes/apply-order";
import { designSlug } from "./labels";
import { renderObjectStoreSecrets } from "./object-store";
import { RENDERERS, type Renderer } from "./registry";
import type { KubeObject, RenderContext, RenderOptions } from "./types";
import { stringify } from "./yaml";

export type { KubeObject, RenderOptions } from "./types";
export { OWNER_LABEL, designSlug } from "./labels";

// The union does not narrow through an indexed table, so the lookup is widened once here.
const renderComponent = (ctx: RenderContext, c: Component): KubeObject[] => (RENDERERS[c.kind] as Renderer)(ctx, c);

function renderWith(graph: DesignGraph, design: Design, clusterName: string, opts: RenderOptions): KubeObject[] {
  const cluster = graph.clusters().find((c) => c.name === clusterName);
  if (!cluster) {
    const names = graph.clusters().map((c) => c.name);
    throw new Error(
      `unknown cluster "${clusterName}"; the design has ${names.length ? names.map((n) => `"${n}"`).join(", ") : "no clusters"}`,
    );
  }
  const ctx: RenderContext = {
    design,
    graph,
    cluster,
    namespace: cluster.settings.namespace,
    domain: cluster.settings.clusterDomain,
    designId: opts.designId ?? designSlug(design.name),
    secrets: opts.secrets ?? "masked",
    versions: design.versions,
  };
  const members = graph.inCluster(cluster.id);
  const objects = [
    ...RENDERERS.cluster(ctx, cluster),
    ...renderObjectStoreSecrets(ctx, members),
    ...members.flatMap((c) => renderComponent(ctx, c)),
  ];
  // Stable: within a kind, objects keep component (document) order, so output is deterministic.
  return sortForApply(objects);
}

/** Kubernetes objects for one cluster of the design, in apply order. Pure: same input, same objects. */
export function render(design: Design, clusterName: string, opts: RenderOptions = {}): KubeObject[] {
  return renderWith(new DesignGraph(design), design, clusterName, opts);
}

/** Every cluster of the design, in document order. */
export function renderAll(design: Design, opts: RenderOptions = {}): { cluster: string; objects: KubeObject[] }[] {
  const graph = new DesignGraph(design);
  return graph.clusters().map((c) => ({ cluster: c.name, objects: renderWith(graph, design, c.name, opts) }));
}

/** One multi-document YAML stream (`---` between objects); long flags are never folded, no anchors. */
export function toYaml(objects: KubeObject[]): string {
  return objects.map((o) => stringify(o)).join("---\n");
}

export { writeClusterFolders } from "./write";
export { bundleFiles, type BundleFile } from "./bundle";
