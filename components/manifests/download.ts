// Getting manifests out of the browser: a file download, and the bundle zip the server builds
// (POST /api/render/zip, the same folder-per-cluster, file-per-object layout as the CLI's -o).
import { ApiError } from "@/components/ui/fetch-json";
import type { Design } from "@/lib/topology/design";

export function downloadBlob(name: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file-name-safe form of a design name. */
export function fileSlug(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "design"
  );
}

/**
 * The bundle of a design (unsaved edits included) as the server zips it. A saved design sends its id, so
 * every object carries the owner label deploy uses and a downloaded bundle is the deployed one.
 */
export async function fetchBundleZip(design: Design, designId: string | undefined): Promise<Blob> {
  const res = await fetch("/api/render/zip", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(designId ? { design, designId } : { design }),
    credentials: "same-origin",
  });
  if (res.ok) return res.blob();
  const text = await res.text();
  let body: { error?: string } | undefined;
  try {
    body = JSON.parse(text) as { error?: string };
  } catch {
    body = undefined;
  }
  throw new ApiError(res.status, body?.error ?? `zip failed (HTTP ${res.status})`, body ?? text);
}
