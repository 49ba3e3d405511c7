/**
 * Status probes only what this design deployed. Before any proxied GET, the collector lists the Services
 * carrying the design's owner label in the namespaces it is about to ask, and refuses every other
 * Service: a design naming `kube-system/kube-dns` (or any Service it did not create) gets nothing read
 * with the registered cluster's credentials. An admin's namespace restriction is applied first.
 */
import { disallowedNamespaces } from "@/server/clusters/namespaces";
import type { ClusterAccess } from "./live";
import type { FetchThroughProxy } from "./readers";
import type { ClusterTargets } from "./targets";

export class NotOwnedServiceError extends Error {}

/** Every namespace a refresh of this cluster node would read. */
export function namespacesRead(cluster: ClusterTargets): string[] {
  return [
    ...new Set([
      cluster.namespace,
      ...cluster.workloads.map((w) => w.namespace),
      ...cluster.probes.map((p) => p.namespace),
      ...cluster.queries.map((q) => q.ref.namespace),
      ...cluster.uploaders.map((u) => u.namespace),
    ]),
  ].sort();
}

/** Why this cluster node may not be read through its registered cluster, or null. */
export function namespaceRefusal(access: ClusterAccess, cluster: ClusterTargets): string | null {
  const outside = disallowedNamespaces(access.allowedNamespaces ?? null, namespacesRead(cluster));
  if (outside.length === 0) return null;
  const where = access.registeredCluster ? `registered cluster "${access.registeredCluster.name}"` : "this cluster";
  return `namespace${outside.length === 1 ? "" : "s"} ${outside.join(", ")} not allowed on ${where}; an admin sets the allowed namespaces under Clusters`;
}

/** A proxy that only reaches Services labelled as this design's; others fail with the reason. */
export async function ownedServicesProxy(
  access: ClusterAccess,
  cluster: ClusterTargets,
  signal: AbortSignal,
): Promise<FetchThroughProxy> {
  const namespaces = [
    ...new Set([
      ...cluster.probes.map((p) => p.namespace),
      ...cluster.queries.map((q) => q.ref.namespace),
      ...cluster.uploaders.map((u) => u.namespace),
    ]),
  ];
  const owned = new Set<string>();
  const lists = await Promise.all(
    namespaces.map((namespace) =>
      access.listObjects(
        { apiVersion: "v1", kind: "Service", namespace, labelSelector: cluster.ownerSelector },
        { signal },
      ),
    ),
  );
  lists.forEach((items, i) => {
    for (const svc of items) owned.add(`${svc.metadata?.namespace ?? namespaces[i]}/${svc.metadata?.name}`);
  });
  return (namespace, service, port, path, init) => {
    if (!owned.has(`${namespace}/${service}`))
      return Promise.reject(
        new NotOwnedServiceError(`service ${namespace}/${service} was not deployed by this design (no owner label)`),
      );
    return access.fetchThroughProxy(namespace, service, port, path, init);
  };
}
