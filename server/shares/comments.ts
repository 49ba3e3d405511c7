// Comments through a share link. Only links created with allowComments expose them at all, since a
// thread can hold internal discussion the link's creator did not mean to share.
import { z } from "zod";
import { hit } from "@/server/auth/rate-limit";
import { ForbiddenError, TooManyRequestsError } from "@/server/errors";
import {
  addComment,
  listComments,
  type CommentThread,
  type CommentView,
  GuestCommentBody,
} from "@/server/comments/service";
import { resolveShare } from "./service";

/** Anonymous posting budget: per client address, and per link (so rotating addresses does not flood one design). */
export const GUEST_COMMENTS_PER_ADDRESS = { limit: 10, windowMs: 60_000 };
export const GUEST_COMMENTS_PER_LINK = { limit: 100, windowMs: 3_600_000 };

export async function shareComments(token: string): Promise<{ enabled: boolean; comments: CommentThread[] }> {
  const share = await resolveShare(token);
  if (!share.allowComments) return { enabled: false, comments: [] };
  return { enabled: true, comments: await listComments(share.designId) };
}

export async function guestComment(
  token: string,
  address: string,
  input: z.output<typeof GuestCommentBody>,
): Promise<CommentView> {
  const share = await resolveShare(token);
  if (!share.allowComments) throw new ForbiddenError("comments are turned off for this link");
  for (const [key, budget] of [
    [`share-comment:addr:${address}`, GUEST_COMMENTS_PER_ADDRESS],
    [`share-comment:link:${share.tokenHash}`, GUEST_COMMENTS_PER_LINK],
  ] as const) {
    const r = await hit(key, budget.limit, budget.windowMs);
    if (!r.allowed)
      throw new TooManyRequestsError(`too many comments; try again in ${r.retryAfterSeconds} s`, {
        retryAfterSeconds: r.retryAfterSeconds,
      });
  }
  // A fixed link can only be commented on at its revision; a latest link records what the guest picked.
  const revision = share.revision ?? input.revision ?? null;
  return addComment(share.designId, { userId: null, name: input.displayName }, { ...input, revision });
}
