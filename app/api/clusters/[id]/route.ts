// One registered cluster: GET (editor) its safe view, PATCH (admin) the namespaces designs may use on it
// and its production flag, DELETE (admin) unregisters it (409 while a deploy runs).
import { audit } from "@/server/audit/log";
import { updateCluster } from "@/server/clusters/allowed-namespaces";
import { UpdateClusterBody } from "@/server/clusters/namespaces";
import { deleteCluster, getCluster } from "@/server/clusters/service";
import { clientAddress, route } from "@/server/http/route";

export const GET = route({ role: "editor" }, async ({ params }) => getCluster(params.id));

export const PATCH = route({ role: "admin", body: UpdateClusterBody }, async ({ req, actor, params, body }) => {
  const cluster = await updateCluster(params.id, body);
  await audit({
    action: "cluster.updated",
    actor: actor!.user,
    address: clientAddress(req),
    target: `cluster:${params.id}`,
    details: { name: cluster.name, ...body },
  });
  return cluster;
});

export const DELETE = route({ role: "admin" }, async ({ req, actor, params }) => {
  const cluster = await getCluster(params.id);
  await deleteCluster(params.id);
  await audit({
    action: "cluster.removed",
    actor: actor!.user,
    address: clientAddress(req),
    target: `cluster:${params.id}`,
    details: { name: cluster.name },
  });
});
