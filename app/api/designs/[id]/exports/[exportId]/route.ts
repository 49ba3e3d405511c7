// GET /api/designs/:id/exports/:exportId (viewer): one export's progress and result.
import { getGitExport } from "@/server/git/exports";
import { NotFoundError } from "@/server/errors";
import { route } from "@/server/http/route";

export const GET = route({}, async ({ params }) => {
  const view = await getGitExport(params.exportId);
  if (view.designId !== params.id) throw new NotFoundError(`Git export "${params.exportId}" not found for this design`);
  return view;
});
