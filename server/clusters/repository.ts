// The registered-clusters aggregate in the database. Views never carry the sealed kubeconfig; only
// `findWithKubeconfig` does, for the one caller that opens a connection.
import type { Db } from "@/server/db/client";

const viewSelect = {
  id: true,
  name: true,
  server: true,
  contextName: true,
  userName: true,
  namespaceDefault: true,
  allowedNamespaces: true,
  inCluster: true,
  production: true,
  createdAt: true,
  createdBy: { select: { id: true, name: true } },
} as const;

export interface NewCluster {
  name: string;
  createdById: string;
  server: string;
  contextName: string;
  userName: string;
  namespaceDefault: string | null;
  inCluster: boolean;
  kubeconfigEnc: string | null;
  production: boolean;
}

export function clusterRepository(client: Db) {
  return {
    list() {
      return client.cluster.findMany({ select: viewSelect, orderBy: { name: "asc" } });
    },
    find(id: string) {
      return client.cluster.findUnique({ where: { id }, select: viewSelect });
    },
    /** Just the namespace restriction, read fresh on every status refresh. */
    findAllowedNamespaces(id: string) {
      return client.cluster.findUnique({ where: { id }, select: { id: true, allowedNamespaces: true } });
    },
    findWithKubeconfig(id: string) {
      return client.cluster.findUnique({ where: { id }, select: { ...viewSelect, kubeconfigEnc: true } });
    },
    async nameTaken(name: string): Promise<boolean> {
      return !!(await client.cluster.findUnique({ where: { name }, select: { id: true } }));
    },
    create(data: NewCluster) {
      return client.cluster.create({ data, select: viewSelect });
    },
    /** Whether the cluster exists (and so was updated); allowedNamespaces is the stored JSON list or null. */
    async update(id: string, data: { allowedNamespaces?: string | null; production?: boolean }): Promise<boolean> {
      return (await client.cluster.updateMany({ where: { id }, data })).count > 0;
    },
    /** Whether a row was deleted. */
    async remove(id: string): Promise<boolean> {
      return (await client.cluster.deleteMany({ where: { id } })).count > 0;
    },
  };
}

export type ClusterRecord = NonNullable<Awaited<ReturnType<ReturnType<typeof clusterRepository>["find"]>>>;
