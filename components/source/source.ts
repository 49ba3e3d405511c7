// Where the side panels (inspector, lint, manifests, comments) read from: a design in the editor (its id,
// the revision it is based on and the document in memory) or a share link (its token and the masked
// revision it shows). Read-only follows from the source; the panels never ask for it separately.
import { fetchJson, fetchText } from "@/components/ui/fetch-json";
import type { Design } from "@/lib/topology/design";
import type { ShareView } from "@/server/shares/view";

export interface DesignSource {
  kind: "design";
  designId: string;
  /** The saved revision the document is based on. */
  revision: number;
  /** The document on screen, unsaved edits included. */
  document: Design;
  /** The signed-in user may not edit (viewer role). */
  readOnly: boolean;
}

export interface ShareSource {
  kind: "share";
  token: string;
  revision: number;
  /** The shown revision, secrets masked by the server. */
  document: Design;
}

export type PanelSource = DesignSource | ShareSource;

/** What names a source's API, without its document: enough for saved revisions (compare, diff). */
export type SourceRef = Pick<DesignSource, "kind" | "designId"> | Pick<ShareSource, "kind" | "token">;

/** A share link never edits; a design edits unless the user's role says otherwise. */
export const isReadOnly = (s: PanelSource): boolean => s.kind === "share" || s.readOnly;

/** Query-key prefix: everything read for one design (or one link) shares it. */
export const sourceKey = (s: SourceRef): readonly [string, string] =>
  s.kind === "design" ? ["design", s.designId] : ["share", s.token];

export function apiBase(s: SourceRef): string {
  return s.kind === "design"
    ? `/api/designs/${encodeURIComponent(s.designId)}`
    : `/api/share/${encodeURIComponent(s.token)}`;
}

export const commentsUrl = (s: SourceRef) => `${apiBase(s)}/comments`;

/** A saved revision's document (masked for shares). */
export async function fetchRevisionDesign(s: SourceRef, revision: number): Promise<Design> {
  if (s.kind === "share") return (await fetchShareView(s.token, revision)).design;
  return (await fetchJson<{ design: Design }>(`${apiBase(s)}/revisions/${revision}`)).design;
}

/** A saved revision's manifests for one cluster, as YAML with secrets masked. */
export function fetchRevisionManifests(s: SourceRef, revision: number, cluster: string, signal?: AbortSignal) {
  return fetchText(`${apiBase(s)}/manifests?cluster=${encodeURIComponent(cluster)}&revision=${revision}`, { signal });
}

export function fetchShareView(token: string, revision: number): Promise<ShareView> {
  return fetchJson<ShareView>(`/api/share/${encodeURIComponent(token)}?revision=${revision}`);
}
