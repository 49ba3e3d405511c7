// One registered cluster: GET (editor) its safe view, PATCH (admin) the namespaces designs may use on it,
// DELETE (admin) unregisters it (409 while a deploy runs).
import { audit } from "@/server/audit/log";
import { setAllowedNamespaces } from "@/server/clusters/allowed-namespaces";
import { AllowedNamespacesBody } from "@/server/clusters/namespaces";
import { deleteCluster, getCluster } from "@/server/clusters/service";
import { clientAddress, route } from "@/server/http/route";

export const GET = route({ role: "editor" }, async ({ params }) => getCluster(params.id));

export const PATCH = route({ role: "admin", body: AllowedNamespacesBody }, async ({ req, actor, params, body }) => {
  const cluster = await setAllowedNamespaces(params.id, body.allowedNamespaces);
  await audit({
    action: "cluster.updated",
    actor: actor!.user,
    address: clientAddress(req),
    target: `cluster:${params.id}`,
    details: { name: cluster.name, allowedNamespaces: body.allowedNamespaces },
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
