// GET /api/templates/:name (viewer) → {design}: the template as a full document (defaults applied).
import { route } from "@/server/http/route";
import { templateDesign } from "@/server/designs/service";

export const GET = route({}, async ({ params }) => ({ design: templateDesign(params.name) }));
