// What a share link shows: one revision of one design, secrets masked, plus the derived views (manifests,
// lint, comments). Everything goes through resolveShare first, so a bad token never reaches the design.
import "server-only";
import type { Design } from "@/lib/topology";
import type { Finding } from "@/lib/topology/lint/types";
import { designService, manifestsYaml, renderClusters } from "@/server/designs/service";
import { lintDesign } from "@/lib/topology/lint";
import { shareRepository } from "./repository";
import { resolveShareWithDesign, shareRevision, type ResolvedShare } from "./service";

export interface ShareRevisionEntry {
  revision: number;
  authorName: string;
  message: string | null;
  createdAt: string;
}

export interface ShareView {
  name: string;
  /** The shown revision, secrets masked. */
  design: Design;
  revision: number;
  latestRevision: number;
  approvedRevision: number | null;
  /** true when the link is pinned to one revision (no picker) */
  fixed: boolean;
  /** Every revision, newest first; only for "latest" links. */
  revisions?: ShareRevisionEntry[];
  allowComments: boolean;
  allowStatus: boolean;
}

export interface OpenedShare {
  share: ResolvedShare;
  name: string;
  latestRevision: number;
  approvedRevision: number | null;
}

// Revisions are immutable, so the masked document of (design, revision) never changes: keep recently
// shown ones parsed. A deleted design is caught by openShare before the cache is consulted.
const MASKED_CACHE_MAX = 200;
const maskedCache = new Map<string, Design>();

async function maskedRevision(designId: string, revision: number): Promise<Design> {
  const key = `${designId}\u0000${revision}`;
  const hit = maskedCache.get(key);
  if (hit) {
    maskedCache.delete(key); // refresh its place in the LRU order
    maskedCache.set(key, hit);
    return hit;
  }
  const design = (await designService().getRevision(designId, revision)).design;
  if (maskedCache.size >= MASKED_CACHE_MAX) maskedCache.delete(maskedCache.keys().next().value!);
  maskedCache.set(key, design);
  return design;
}

/** Revision list for the picker: metadata only (the documents are not needed, so not read). */
async function revisionEntries(designId: string): Promise<ShareRevisionEntry[]> {
  const rows = await shareRepository().revisionEntries(designId);
  return rows.map((r) => ({
    revision: r.number,
    authorName: r.author.name,
    message: r.message,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** Resolves the token together with its design row (deleting a design deletes its shares: same 404). */
export async function openShare(token: string): Promise<OpenedShare> {
  const { share, design } = await resolveShareWithDesign(token);
  return { share, ...design };
}

export async function shareView(token: string, requestedRevision?: number): Promise<ShareView> {
  const opened = await openShare(token);
  const { share } = opened;
  const revision = shareRevision(share, opened.latestRevision, requestedRevision);
  const [design, revisions] = await Promise.all([
    maskedRevision(share.designId, revision),
    share.revision === null ? revisionEntries(share.designId) : undefined,
  ]);
  return {
    name: opened.name,
    design,
    revision,
    latestRevision: opened.latestRevision,
    approvedRevision: opened.approvedRevision,
    fixed: share.revision !== null,
    revisions,
    allowComments: share.allowComments,
    allowStatus: share.allowStatus,
  };
}

/** Rendered manifests of the shown revision (masked); `cluster` narrows to one cluster's YAML. */
export async function shareManifests(token: string, opts: { cluster?: string; revision?: number }): Promise<string> {
  const opened = await openShare(token);
  const revision = shareRevision(opened.share, opened.latestRevision, opts.revision);
  const design = await maskedRevision(opened.share.designId, revision);
  return manifestsYaml(
    renderClusters(design, { cluster: opts.cluster, designId: opened.share.designId }),
    opts.cluster !== undefined,
  );
}

export async function shareLint(
  token: string,
  requestedRevision?: number,
): Promise<{ revision: number; findings: Finding[] }> {
  const opened = await openShare(token);
  const revision = shareRevision(opened.share, opened.latestRevision, requestedRevision);
  return { revision, findings: lintDesign(await maskedRevision(opened.share.designId, revision)) };
}
