// One registered cluster: GET (editor) its safe view, DELETE (admin) unregisters it (409 while a deploy runs).
import { route } from "@/server/http/route";
import { deleteCluster, getCluster } from "@/server/clusters/service";

export const GET = route({ role: "editor" }, async ({ params }) => getCluster(params.id));

export const DELETE = route({ role: "admin" }, async ({ params }) => {
  await deleteCluster(params.id);
});
