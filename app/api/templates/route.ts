// GET /api/templates (viewer) → {templates:[{name, title, description, componentCount}]}.
import { route } from "@/server/http/route";
import { listTemplates } from "@/server/designs/service";

export const GET = route({}, async () => ({ templates: listTemplates() }));
