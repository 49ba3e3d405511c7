// DELETE /api/git-targets/:id (admin): unregisters it; past exports keep their commit and repository link.
import { audit } from "@/server/audit/log";
import { deleteGitTarget } from "@/server/git/targets";
import { clientAddress, route } from "@/server/http/route";

export const DELETE = route({ role: "admin" }, async ({ req, actor, params }) => {
  const target = await deleteGitTarget(params.id);
  await audit({
    action: "git_target.removed",
    actor: actor!.user,
    address: clientAddress(req),
    target: `git-target:${params.id}`,
    details: { name: target.name },
  });
});
