// Public: comments of a shared design, when the link allows comments. Guests post under a display name;
// posting is rate-limited per client address and per link.
import { clientAddress, json, route } from "@/server/http/route";
import { guestComment, shareComments } from "@/server/shares/comments";
import { GuestCommentBody } from "@/server/comments/service";

export const GET = route({ role: "public" }, async ({ params }) => shareComments(params.token));

export const POST = route(
  { role: "public", body: GuestCommentBody, maxBodyBytes: 16 * 1024 },
  async ({ req, params, body }) => {
    const comment = await guestComment(params.token, clientAddress(req), body);
    return json({ comment }, { status: 201 });
  },
);
