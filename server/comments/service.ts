// Review comments: anchored to a component (by id) or to the whole design, one level of replies,
// resolvable by signed-in editors. Guests (share-link viewers) write under a display name they give;
// signed-in users write under their account name.
import { z } from "zod";
import { NotFoundError } from "@/server/errors";
import { commentRepository } from "./repository";

export const MAX_COMMENT_CHARS = 4000;

const componentId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "not a component id");

export const CommentBody = z.object({
  body: z.string().trim().min(1, "write something").max(MAX_COMMENT_CHARS, `at most ${MAX_COMMENT_CHARS} characters`),
  /** Anchor: a component id, or absent for a comment on the design as a whole. Ignored on replies. */
  componentId: componentId.nullish(),
  /** The revision the author was looking at. */
  revision: z.number().int().min(1).nullish(),
  /** Reply to this comment (a reply to a reply joins the same thread). */
  parentId: z.string().min(1).max(64).nullish(),
});
export type CommentInput = z.output<typeof CommentBody>;

export const GuestCommentBody = CommentBody.extend({
  displayName: z.string().trim().min(1, "give a name so others know who wrote this").max(60, "at most 60 characters"),
});

export const ResolveBody = z.object({ resolved: z.boolean() });

export interface CommentView {
  id: string;
  componentId: string | null;
  revision: number | null;
  parentId: string | null;
  authorName: string;
  /** false when written through a share link by someone not signed in */
  signedIn: boolean;
  body: string;
  createdAt: string;
  resolvedAt: string | null;
}

export interface CommentThread extends CommentView {
  replies: CommentView[];
}

type Row = {
  id: string;
  componentId: string | null;
  revision: number | null;
  parentId: string | null;
  authorUserId: string | null;
  authorName: string;
  body: string;
  createdAt: Date;
  resolvedAt: Date | null;
};

function view(r: Row): CommentView {
  return {
    id: r.id,
    componentId: r.componentId,
    revision: r.revision,
    parentId: r.parentId,
    authorName: r.authorName,
    signedIn: r.authorUserId !== null,
    body: r.body,
    createdAt: r.createdAt.toISOString(),
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
  };
}

/** Threads oldest first, each with its replies oldest first. */
export async function listComments(designId: string): Promise<CommentThread[]> {
  const repo = commentRepository();
  if (!(await repo.designExists(designId))) throw new NotFoundError("design not found");
  const rows = await repo.listOf(designId);
  const threads = new Map<string, CommentThread>();
  for (const r of rows) if (!r.parentId) threads.set(r.id, { ...view(r), replies: [] });
  for (const r of rows) if (r.parentId) threads.get(r.parentId)?.replies.push(view(r));
  return [...threads.values()];
}

export interface CommentAuthor {
  userId: string | null;
  name: string;
}

export async function addComment(designId: string, author: CommentAuthor, input: CommentInput): Promise<CommentView> {
  const repo = commentRepository();
  if (!(await repo.designExists(designId))) throw new NotFoundError("design not found");
  let parentId: string | null = null;
  let anchor = input.componentId ?? null;
  if (input.parentId) {
    const parent = await repo.findIn(designId, input.parentId);
    if (!parent) throw new NotFoundError("the comment you reply to does not exist");
    // Threads are one level deep: a reply to a reply joins the root's thread, under the root's anchor.
    const root = parent.parentId ? await repo.find(parent.parentId) : parent;
    parentId = root?.id ?? parent.id;
    anchor = root?.componentId ?? parent.componentId;
  }
  const row = await repo.create({
    designId,
    revision: input.revision ?? null,
    componentId: anchor,
    parentId,
    authorUserId: author.userId,
    authorName: author.name,
    body: input.body,
  });
  return view(row);
}

/** Resolving applies to a whole thread, so it is recorded on the thread's root comment. */
export async function setResolved(designId: string, commentId: string, resolved: boolean): Promise<CommentView> {
  const repo = commentRepository();
  const row = await repo.findIn(designId, commentId);
  if (!row) throw new NotFoundError("comment not found");
  const updated = await repo.setResolvedAt(row.parentId ?? row.id, resolved ? (row.resolvedAt ?? new Date()) : null);
  return view(updated);
}
