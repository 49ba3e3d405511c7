// GET /api/deployments/:id (deployer): status, per-object results and progress, read from the database
// so any replica answers while the run goes on in another one. The deploy panel polls it every second.
import { route } from "@/server/http/route";
import { getDeployment } from "@/server/deployments/service";

export const GET = route({ role: "deployer" }, async ({ params }) => getDeployment(params.id));
