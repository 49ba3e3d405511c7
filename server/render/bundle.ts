import { stringify } from "./yaml";
import type { KubeObject } from "./types";

/** One file of a manifests bundle: a path relative to the bundle root (always `/`-separated) and its text. */
export interface BundleFile {
  path: string;
  content: string;
}

/** `NN-kind-name.yaml`, numbered in apply order so `kubectl apply -f <dir>` applies them in that order. */
export function objectFileName(index: number, total: number, o: KubeObject): string {
  const width = Math.max(2, String(total).length);
  return `${String(index + 1).padStart(width, "0")}-${o.kind.toLowerCase()}-${o.metadata.name}.yaml`;
}

/** Files of the bundle layout that the studio owns, so a rewrite removes exactly what an earlier one wrote. */
export function isBundleFileName(name: string): boolean {
  return /^\d+-.+\.yaml$/.test(name) || name === "kustomization.yaml";
}

/**
 * The one layout every export path shares (zip, CLI `-o`, Git export): a folder per cluster, a file per
 * object in apply order, and a `kustomization.yaml` listing them in that order, so `kubectl kustomize
 * <folder>` (or Argo CD / Flux pointed at it) builds exactly the objects render produced.
 * `folder` maps a cluster name to its folder (default: the cluster name itself).
 */
export function bundleFiles(
  rendered: readonly { cluster: string; objects: readonly KubeObject[] }[],
  folder: (cluster: string) => string = (c) => c,
): BundleFile[] {
  const files: BundleFile[] = [];
  for (const { cluster, objects } of rendered) {
    const dir = folder(cluster).replace(/\/+$/, "");
    const names = objects.map((o, i) => objectFileName(i, objects.length, o));
    objects.forEach((o, i) => files.push({ path: `${dir}/${names[i]}`, content: stringify(o) }));
    files.push({ path: `${dir}/kustomization.yaml`, content: kustomization(names) });
  }
  return files;
}

/** A plain Kustomization: resources only, in apply order; no namespace or labels rewriting (render set them). */
function kustomization(resources: readonly string[]): string {
  return stringify({ apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization", resources });
}
