import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { bundleFiles, isBundleFileName } from "./bundle";
import type { KubeObject } from "./types";

/**
 * Writes the bundle layout (bundle.ts) under `dir`: a folder per cluster, one file per object and a
 * kustomization.yaml. Files an earlier run wrote are removed first so a folder always mirrors exactly the
 * current render. Returns the paths written.
 */
export async function writeClusterFolders(
  dir: string,
  rendered: { cluster: string; objects: KubeObject[] }[],
): Promise<string[]> {
  for (const { cluster } of rendered) {
    const folder = path.join(dir, cluster);
    await mkdir(folder, { recursive: true });
    for (const f of await readdir(folder)) if (isBundleFileName(f)) await rm(path.join(folder, f));
  }
  const written: string[] = [];
  for (const f of bundleFiles(rendered)) {
    const file = path.join(dir, ...f.path.split("/"));
    await writeFile(file, f.content);
    written.push(file);
  }
  return written;
}
