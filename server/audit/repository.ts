// The audit log in the database. Callers hand in entries already redacted (log.ts); filters arrive as
// the Prisma where-clause log.ts builds from an AuditFilter.
import { db, type Db } from "@/server/db/client";

export interface NewAuditEvent {
  action: string;
  actorId: string | null;
  actorLabel: string | null;
  address: string | null;
  target: string | null;
  details: string | null;
}

export interface AuditWhere {
  action?: string | { startsWith: string };
  actorLabel?: { contains: string };
  target?: { startsWith: string };
  at?: { gte?: Date; lte?: Date };
}

export function auditRepository(client: Db = db()) {
  return {
    async record(data: NewAuditEvent): Promise<void> {
      await client.auditEvent.create({ data });
    },
    /** A page of matching entries after `cursor` (exclusive), in time order then id, either direction. */
    page(where: AuditWhere, order: "asc" | "desc", take: number, cursor?: string) {
      return client.auditEvent.findMany({
        where,
        orderBy: [{ at: order }, { id: order }],
        take,
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      });
    },
  };
}
