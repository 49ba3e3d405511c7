// Designs and their immutable revisions in the database. No validation or secrets here: callers hand in
// documents already validated and sealed (service.ts). Takes the client so tests can act as two replicas.
import { db, type Db } from "@/server/db/client";

export interface LintCounts {
  errors: number;
  warnings: number;
}

const userRef = { select: { id: true, name: true } } as const;

const designSelect = {
  id: true,
  name: true,
  latestRevision: true,
  approvedRevision: true,
  updatedAt: true,
  createdAt: true,
  lintErrors: true,
  lintWarnings: true,
  description: true,
  owner: userRef,
} as const;

export type DesignRecord = {
  id: string;
  name: string;
  latestRevision: number;
  approvedRevision: number | null;
  updatedAt: Date;
  createdAt: Date;
  lintErrors: number;
  lintWarnings: number;
  /** The latest revision's description; null only on a row the migration could not fill (see fillDescriptions). */
  description: string | null;
  owner: { id: string; name: string };
};

export type RevisionRecord = {
  id: string;
  number: number;
  document: string;
  message: string | null;
  createdAt: Date;
  author: { id: string; name: string };
  lintErrors: number | null;
  lintWarnings: number | null;
};

export type RevisionMeta = Omit<RevisionRecord, "document">;

export type AppendResult = { ok: true; revision: number } | { ok: false; currentRevision: number | null };

/** A unique-constraint violation, as Prisma reports it for both SQLite and PostgreSQL. */
export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === "P2002";
}

export function designRepository(client: Db = db()) {
  return {
    list(): Promise<DesignRecord[]> {
      return client.design.findMany({ select: designSelect, orderBy: [{ updatedAt: "desc" }, { id: "asc" }] });
    },

    /** The latest revision's document of each design, by design id. */
    async latestDocuments(designs: { id: string; latestRevision: number }[]): Promise<Map<string, string>> {
      const out = new Map<string, string>();
      // Two bound parameters per design: batches stay under SQLite's 999-parameter limit.
      for (let i = 0; i < designs.length; i += 400) {
        const rows = await client.revision.findMany({
          where: { OR: designs.slice(i, i + 400).map((d) => ({ designId: d.id, number: d.latestRevision })) },
          select: { designId: true, document: true },
        });
        for (const r of rows) out.set(r.designId, r.document);
      }
      return out;
    },

    /**
     * Stores descriptions read late (rows the migration could not fill), in one transaction, each unless a save
     * moved the design on meanwhile: that save wrote its own.
     */
    async fillDescriptions(rows: { id: string; latestRevision: number; description: string }[]): Promise<void> {
      if (!rows.length) return;
      await client.$transaction(
        rows.map((r) =>
          client.design.updateMany({
            where: { id: r.id, latestRevision: r.latestRevision, description: null },
            data: { description: r.description },
          }),
        ),
      );
    },

    find(id: string): Promise<DesignRecord | null> {
      return client.design.findUnique({ where: { id }, select: designSelect });
    },

    /** Creates the design and its revision 1 in one statement. */
    async create(input: {
      name: string;
      ownerId: string;
      document: string;
      /** The document's description, stored on the design so the list does not read documents. */
      description: string;
      message: string | null;
      lint: LintCounts;
    }): Promise<DesignRecord> {
      return client.design.create({
        data: {
          name: input.name,
          ownerId: input.ownerId,
          latestRevision: 1,
          description: input.description,
          lintErrors: input.lint.errors,
          lintWarnings: input.lint.warnings,
          revisions: {
            create: {
              number: 1,
              document: input.document,
              message: input.message,
              authorId: input.ownerId,
              lintErrors: input.lint.errors,
              lintWarnings: input.lint.warnings,
            },
          },
        },
        select: designSelect,
      });
    },

    findRevision(designId: string, number: number): Promise<RevisionRecord | null> {
      return client.revision.findUnique({
        where: { designId_number: { designId, number } },
        select: {
          id: true,
          number: true,
          document: true,
          message: true,
          createdAt: true,
          author: userRef,
          lintErrors: true,
          lintWarnings: true,
        },
      });
    },

    listRevisions(designId: string): Promise<RevisionRecord[]> {
      return client.revision.findMany({
        where: { designId },
        select: {
          id: true,
          number: true,
          document: true,
          message: true,
          createdAt: true,
          author: userRef,
          lintErrors: true,
          lintWarnings: true,
        },
        orderBy: { number: "desc" },
      });
    },

    /**
     * Optimistic concurrency: in one transaction, move latestRevision from `baseRevision` to +1 (the
     * conditional update takes the row's write lock, so a racing save waits and then matches nothing) and
     * insert the revision. A unique (designId, number) violation means another replica won the same race.
     */
    async append(input: {
      designId: string;
      baseRevision: number;
      document: string;
      description: string;
      authorId: string;
      message: string | null;
      lint: LintCounts;
    }): Promise<AppendResult> {
      const next = input.baseRevision + 1;
      try {
        return await client.$transaction(async (tx) => {
          const moved = await tx.design.updateMany({
            where: { id: input.designId, latestRevision: input.baseRevision },
            data: {
              latestRevision: next,
              description: input.description,
              lintErrors: input.lint.errors,
              lintWarnings: input.lint.warnings,
              updatedAt: new Date(),
            },
          });
          if (moved.count !== 1) {
            const current = await tx.design.findUnique({
              where: { id: input.designId },
              select: { latestRevision: true },
            });
            return { ok: false as const, currentRevision: current?.latestRevision ?? null };
          }
          await tx.revision.create({
            data: {
              designId: input.designId,
              number: next,
              document: input.document,
              message: input.message,
              authorId: input.authorId,
              lintErrors: input.lint.errors,
              lintWarnings: input.lint.warnings,
            },
          });
          return { ok: true as const, revision: next };
        });
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        const current = await client.design.findUnique({
          where: { id: input.designId },
          select: { latestRevision: true },
        });
        return { ok: false, currentRevision: current?.latestRevision ?? null };
      }
    },

    async exists(id: string): Promise<boolean> {
      return !!(await client.design.findUnique({ where: { id }, select: { id: true } }));
    },

    /** The owner's current role (copy-with-secrets rules); null when the account is gone. */
    findOwner(userId: string): Promise<{ id: string; role: string } | null> {
      return client.user.findUnique({ where: { id: userId }, select: { id: true, role: true } });
    },

    /** Renames without a new revision; false when there is no such design. */
    async rename(id: string, name: string): Promise<boolean> {
      const res = await client.design.updateMany({ where: { id }, data: { name, updatedAt: new Date() } });
      return res.count === 1;
    },

    /** Deletes the design with its revisions, shares, comments and approvals (cascade); false when absent. */
    async remove(id: string): Promise<boolean> {
      const res = await client.design.deleteMany({ where: { id } });
      return res.count === 1;
    },
  };
}

export type DesignRepository = ReturnType<typeof designRepository>;
