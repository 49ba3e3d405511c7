// Review comments in the database. Threading (one level, replies under the root's anchor) and
// resolution rules stay in service.ts.
import { db, type Db } from "@/server/db/client";

export interface NewComment {
  designId: string;
  revision: number | null;
  componentId: string | null;
  parentId: string | null;
  authorUserId: string | null;
  authorName: string;
  body: string;
}

export function commentRepository(client: Db = db()) {
  return {
    async designExists(designId: string): Promise<boolean> {
      return (await client.design.count({ where: { id: designId } })) > 0;
    },
    /** Every comment of a design, oldest first. */
    listOf(designId: string) {
      return client.comment.findMany({ where: { designId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    },
    /** A comment, only if it belongs to the design. */
    findIn(designId: string, id: string) {
      return client.comment.findFirst({ where: { id, designId } });
    },
    find(id: string) {
      return client.comment.findUnique({ where: { id } });
    },
    create(data: NewComment) {
      return client.comment.create({ data });
    },
    setResolvedAt(id: string, resolvedAt: Date | null) {
      return client.comment.update({ where: { id }, data: { resolvedAt } });
    },
  };
}
