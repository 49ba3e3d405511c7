// Admin: restrict the namespaces designs may use on a registered cluster (null lifts the restriction), and
// mark it production (deploys then need a second person's approval and a typed confirmation).
import "server-only";
import { db } from "@/server/db/client";
import { NotFoundError } from "@/server/errors";
import { clusterRepository } from "./repository";
import { getCluster, type ClusterView } from "./service";

export async function updateCluster(
  id: string,
  change: { allowedNamespaces?: string[] | null; production?: boolean },
): Promise<ClusterView> {
  const { allowedNamespaces: namespaces, production } = change;
  const allowedNamespaces =
    namespaces === undefined ? undefined : namespaces === null ? null : JSON.stringify([...new Set(namespaces)].sort());
  if (!(await clusterRepository(db()).update(id, { allowedNamespaces, production })))
    throw new NotFoundError(`cluster "${id}" not found`);
  return getCluster(id);
}

export const setAllowedNamespaces = (id: string, namespaces: string[] | null) =>
  updateCluster(id, { allowedNamespaces: namespaces });
