import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { stringify } from "./yaml";
import type { KubeObject } from "./types";

/** `NN-kind-name.yaml`, numbered in apply order so `kubectl apply -f <dir>` applies them in that order. */
export function objectFileName(index: number, total: number, o: KubeObject): string {
  const width = Math.max(2, String(total).length);
  return `${String(index + 1).padStart(width, "0")}-${o.kind.toLowerCase()}-${o.metadata.name}.yaml`;
}

/**
 * Writes a folder per cluster under `dir`, one file per object. Files numbered by an earlier run are removed
 * first so a folder always mirrors exactly the current render. Returns the paths written.
 */
export async function writeClusterFolders(
  dir: string,
  rendered: { cluster: string; objects: KubeObject[] }[],
): Promise<string[]> {
  const written: string[] = [];
  for (const { cluster, objects } of rendered) {
    const folder = path.join(dir, cluster);
    await mkdir(folder, { recursive: true });
    for (const f of await readdir(folder)) if (/^\d+-.+\.yaml$/.test(f)) await rm(path.join(folder, f));
    for (const [i, o] of objects.entries()) {
      const file = path.join(folder, objectFileName(i, objects.length, o));
      await writeFile(file, stringify(o));
      written.push(file);
    }
  }
  return written;
}
