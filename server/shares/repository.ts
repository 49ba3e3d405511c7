// Share links in the database (only sha256 of a token is stored, and looked up by). Token shape, expiry
// and revocation rules stay in service.ts.
import { db, type Db } from "@/server/db/client";

const withCreator = { createdBy: { select: { id: true, name: true } } } as const;

export interface NewShare {
  designId: string;
  tokenHash: string;
  revision: number | null;
  expiresAt: Date | null;
  allowComments: boolean;
  allowStatus: boolean;
  createdById: string;
}

export function shareRepository(client: Db = db()) {
  return {
    findDesign(designId: string) {
      return client.design.findUnique({ where: { id: designId }, select: { id: true, latestRevision: true } });
    },
    create(data: NewShare) {
      return client.share.create({ data, include: withCreator });
    },
    /** Newest first, revoked and expired ones included. */
    listOf(designId: string) {
      return client.share.findMany({ where: { designId }, include: withCreator, orderBy: { createdAt: "desc" } });
    },
    /** A share, only if it belongs to the design. */
    findIn(designId: string, id: string) {
      return client.share.findFirst({ where: { id, designId }, include: withCreator });
    },
    revoke(id: string, at: Date) {
      return client.share.update({ where: { id }, data: { revokedAt: at }, include: withCreator });
    },
    /** The share and its design's header in one query (the share page's hot path). */
    findByTokenHashWithDesign(tokenHash: string) {
      return client.share.findUnique({
        where: { tokenHash },
        include: { design: { select: { name: true, latestRevision: true, approvedRevision: true } } },
      });
    },
    /** Revision metadata for the picker, newest first: the documents are not read. */
    revisionEntries(designId: string) {
      return client.revision.findMany({
        where: { designId },
        select: { number: true, message: true, createdAt: true, author: { select: { name: true } } },
        orderBy: { number: "desc" },
      });
    },
  };
}
