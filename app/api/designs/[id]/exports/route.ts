// Git exports of a design. GET (viewer) lists them, newest first, with commit, branch and commit link.
// POST (deployer) { cluster, revision?, reviewBranch? } → 202 { id }: the export runs in the background.
import { StartGitExportBody, listGitExports, startGitExport } from "@/server/git/exports";
import { json, route } from "@/server/http/route";

export const GET = route({}, async ({ params }) => ({ exports: await listGitExports(params.id) }));

export const POST = route({ role: "deployer", body: StartGitExportBody }, async ({ actor, params, body }) =>
  json(await startGitExport(actor!, params.id, body), { status: 202 }),
);
