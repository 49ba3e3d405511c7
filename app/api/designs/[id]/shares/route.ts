// Share links of one design: list (any signed-in user) and create (editor). The token is in the answer once.
import { audit } from "@/server/audit/log";
import { clientAddress, json, route } from "@/server/http/route";
import { CreateShareBody, createShare, listShares, publicOrigin } from "@/server/shares/service";

export const GET = route({}, async ({ params }) => ({ shares: await listShares(params.id) }));

export const POST = route({ role: "editor", body: CreateShareBody }, async ({ req, actor, body, params }) => {
  const created = await createShare(actor!, params.id, body, publicOrigin(req));
  await audit({
    action: "share.created",
    actor: actor!.user,
    address: clientAddress(req),
    target: `design:${params.id}`,
    details: {
      shareId: created.share.id,
      revision: body.revision ?? null,
      allowComments: body.allowComments ?? false,
      allowStatus: body.allowStatus ?? false,
    },
  });
  return json(created, { status: 201 });
});
