// The manifests zip (POST /api/render/zip): exactly the bundle layout — a folder per cluster, a file per
// object in apply order, a kustomization.yaml — with secrets masked as in the Manifests tab. Entries carry
// a fixed date, so the same design always gives the same bytes.
import "server-only";
import JSZip from "jszip";
import { designSlug } from "@/server/render";
import { previewBundle } from "./service";

const ZIP_DATE = new Date(Date.UTC(1980, 0, 1));

export async function manifestsZip(
  input: unknown,
  designId: string | undefined,
): Promise<{ filename: string; bytes: Uint8Array }> {
  const { design, files } = previewBundle(input, designId);
  const zip = new JSZip();
  for (const f of files) zip.file(f.path, f.content, { date: ZIP_DATE, createFolders: false });
  const bytes = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE", platform: "UNIX" });
  return { filename: `${designSlug(design.name) || "design"}-manifests.zip`, bytes };
}
