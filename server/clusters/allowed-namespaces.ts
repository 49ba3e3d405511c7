// Admin: restrict the namespaces designs may use on a registered cluster (null lifts the restriction).
import "server-only";
import { db } from "@/server/db/client";
import { NotFoundError } from "@/server/errors";
import { clusterRepository } from "./repository";
import { getCluster, type ClusterView } from "./service";

export async function setAllowedNamespaces(id: string, namespaces: string[] | null): Promise<ClusterView> {
  const value = namespaces === null ? null : JSON.stringify([...new Set(namespaces)].sort());
  if (!(await clusterRepository(db()).setAllowedNamespaces(id, value)))
    throw new NotFoundError(`cluster "${id}" not found`);
  return getCluster(id);
}
