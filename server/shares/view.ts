// What a share link shows: one revision of one design, secrets masked, plus the derived views (manifests,
// lint, comments). Everything goes through resolveShare first, so a bad token never reaches the design.
import "server-only";
import type { Design } from "@/lib/topology";
import type { Finding } from "@/lib/topology/lint/types";
import { designService, manifestsYaml, renderClusters } from "@/server/designs/service";
import { lintDesign } from "@/lib/topology/lint";
import { LruCache } from "@/server/cache/lru";
import { cachedBody, type CachedBody } from "@/server/http/conditional";
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

// Revisions are immutable, so everything derived from (design, revision) is computed once and kept: the
// masked document, its manifests, its lint findings. A deleted design is caught by openShare (its shares
// go with it) before any of these is consulted; ids are cuids, never reused.
const maskedDocuments = new LruCache<Design>(200);
const manifestBodies = new LruCache<CachedBody>(64);
const lintBodies = new LruCache<CachedBody>(200);
// The picker's list only grows with new revisions (the key), but an author may rename: kept 30 s.
const revisionLists = new LruCache<ShareRevisionEntry[]>(200, 30_000);
// A view also depends on the design's header (name, latest and approved revision): all in the key.
const views = new LruCache<{ view: ShareView; body?: CachedBody }>(500);

const revisionKey = (designId: string, revision: number) => `${designId}\u0000${revision}`;

function maskedRevision(designId: string, revision: number): Promise<Design> {
  return maskedDocuments.getOr(
    revisionKey(designId, revision),
    async () => (await designService().getRevision(designId, revision)).design,
  );
}

/** Revision list for the picker: metadata only (the documents are not needed, so not read). */
function revisionEntries(designId: string, latestRevision: number): Promise<ShareRevisionEntry[]> {
  return revisionLists.getOr(revisionKey(designId, latestRevision), async () => {
    const rows = await shareRepository().revisionEntries(designId);
    return rows.map((r) => ({
      revision: r.number,
      authorName: r.author.name,
      message: r.message,
      createdAt: r.createdAt.toISOString(),
    }));
  });
}

/** Resolves the token together with its design row (deleting a design deletes its shares: same 404). */
export async function openShare(token: string): Promise<OpenedShare> {
  const { share, design } = await resolveShareWithDesign(token);
  return { share, ...design };
}

async function keptView(token: string, requestedRevision?: number): Promise<{ view: ShareView; body?: CachedBody }> {
  const opened = await openShare(token);
  const { share } = opened;
  const revision = shareRevision(share, opened.latestRevision, requestedRevision);
  const key = [share.id, revision, opened.latestRevision, opened.approvedRevision, opened.name].join("\u0000");
  return views.getOr(key, async () => {
    const [design, revisions] = await Promise.all([
      maskedRevision(share.designId, revision),
      share.revision === null ? revisionEntries(share.designId, opened.latestRevision) : undefined,
    ]);
    const view: ShareView = {
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
    return { view };
  });
}

export async function shareView(token: string, requestedRevision?: number): Promise<ShareView> {
  return (await keptView(token, requestedRevision)).view;
}

/** shareView as a JSON body with its ETag, serialized once per (share, revision, design header). */
export async function shareViewBody(token: string, requestedRevision?: number): Promise<CachedBody> {
  const kept = await keptView(token, requestedRevision);
  return (kept.body ??= cachedBody(JSON.stringify(kept.view)));
}

/** Rendered manifests of the shown revision (masked); `cluster` narrows to one cluster's YAML. */
export async function shareManifests(
  token: string,
  opts: { cluster?: string; revision?: number },
): Promise<CachedBody> {
  const opened = await openShare(token);
  const { designId } = opened.share;
  const revision = shareRevision(opened.share, opened.latestRevision, opts.revision);
  const key = `${revisionKey(designId, revision)}\u0000${opts.cluster ?? ""}`;
  return manifestBodies.getOr(key, async () => {
    const design = await maskedRevision(designId, revision);
    const yaml = manifestsYaml(renderClusters(design, { cluster: opts.cluster, designId }), opts.cluster !== undefined);
    return cachedBody(yaml);
  });
}

/** Lint findings of the shown revision as a JSON body `{revision, findings}`, computed once per revision. */
export async function shareLint(token: string, requestedRevision?: number): Promise<CachedBody> {
  const opened = await openShare(token);
  const { designId } = opened.share;
  const revision = shareRevision(opened.share, opened.latestRevision, requestedRevision);
  return lintBodies.getOr(revisionKey(designId, revision), async () => {
    const findings: Finding[] = lintDesign(await maskedRevision(designId, revision));
    return cachedBody(JSON.stringify({ revision, findings }));
  });
}
