// What a share link shows: one revision of one design, secrets masked, plus the derived views (manifests,
// lint, comments). Everything goes through resolveShare first, so a bad token never reaches the design.
import "server-only";
import type { Design } from "@/lib/topology";
import type { Finding } from "@/lib/topology/lint/types";
import { db } from "@/server/db/client";
import { HttpError } from "@/server/http/errors";
import { designService } from "@/server/designs/service";
import { resolveShare, shareRevision, SHARE_NOT_FOUND, type ResolvedShare } from "./service";

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

/** Resolves the token and loads the design row; a design deleted under a live link is the same 404. */
export async function openShare(token: string): Promise<OpenedShare> {
  const share = await resolveShare(token);
  const design = await db().design.findUnique({
    where: { id: share.designId },
    select: { name: true, latestRevision: true, approvedRevision: true },
  });
  if (!design) throw new HttpError(404, SHARE_NOT_FOUND);
  return { share, ...design };
}

export async function shareView(token: string, requestedRevision?: number): Promise<ShareView> {
  const opened = await openShare(token);
  const { share } = opened;
  const revision = shareRevision(share, opened.latestRevision, requestedRevision);
  const svc = designService();
  const detail = await svc.getRevision(share.designId, revision);
  const revisions =
    share.revision === null
      ? (await svc.listRevisions(share.designId))
          .map((r) => ({ revision: r.revision, authorName: r.author.name, message: r.message, createdAt: r.createdAt }))
          .sort((a, b) => b.revision - a.revision)
      : undefined;
  return {
    name: opened.name,
    design: detail.design,
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
  return designService().manifests(opened.share.designId, { cluster: opts.cluster, revision });
}

export async function shareLint(token: string, requestedRevision?: number): Promise<{ revision: number; findings: Finding[] }> {
  const opened = await openShare(token);
  const revision = shareRevision(opened.share, opened.latestRevision, requestedRevision);
  return designService().lint(opened.share.designId, revision);
}
