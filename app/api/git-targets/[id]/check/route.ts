// POST /api/git-targets/:id/check (admin): asks the remote with the stored token whether it may push and
// whether the branch exists; a refusal is reported as { ok: false, message } with the token scrubbed.
import { checkGitTarget } from "@/server/git/targets";
import { route } from "@/server/http/route";

export const POST = route({ role: "admin" }, async ({ params }) => checkGitTarget(params.id));
