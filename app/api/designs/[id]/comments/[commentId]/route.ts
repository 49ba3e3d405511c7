// Resolve or reopen a comment thread (editors).
import { route } from "@/server/http/route";
import { ResolveBody, setResolved } from "@/server/comments/service";

export const PATCH = route({ role: "editor", body: ResolveBody }, async ({ body, params }) => ({
  comment: await setResolved(params.id, params.commentId, body.resolved),
}));
