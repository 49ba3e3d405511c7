// Git targets (GitOps export). GET (editor: needed to bind a cluster node) lists them without credentials
// (`hasToken` only). POST (admin) registers one: validated and checked against the remote before storing.
import { audit } from "@/server/audit/log";
import { RegisterGitTargetBody, listGitTargets, registerGitTarget } from "@/server/git/targets";
import { clientAddress, json, route } from "@/server/http/route";

export const GET = route({ role: "editor" }, async () => ({ gitTargets: await listGitTargets() }));

export const POST = route({ role: "admin", body: RegisterGitTargetBody }, async ({ req, actor, body }) => {
  const target = await registerGitTarget(actor!, body);
  await audit({
    action: "git_target.registered",
    actor: actor!.user,
    address: clientAddress(req),
    target: `git-target:${target.id}`,
    details: { name: target.name, url: target.url, branch: target.branch, pathTemplate: target.pathTemplate },
  });
  return json(target, { status: 201 });
});
