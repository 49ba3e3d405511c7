// Comments on a design for signed-in users: any role reads and writes; the author is the account.
import { json, route } from "@/server/http/route";
import { addComment, CommentBody, listComments } from "@/server/comments/service";

export const GET = route({}, async ({ params }) => ({ comments: await listComments(params.id) }));

export const POST = route({ body: CommentBody }, async ({ actor, body, params }) => {
  const comment = await addComment(params.id, { userId: actor!.user.id, name: actor!.user.name }, body);
  return json({ comment }, { status: 201 });
});
