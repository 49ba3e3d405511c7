/**
 * Live-status access to a registered cluster: the stored kubeconfig is opened by server/clusters and
 * turned into a connection by the deploy engine (server/kube); this only adapts that connection to
 * the two reads status needs (lists and the services/proxy subresource).
 */
import "server-only";
import { connectionFor } from "@/server/clusters/service";
import { HttpError } from "@/server/http/errors";
import type { KubeConnection } from "@/server/kube";
import { clusterAccessFromConnection } from "./kube-access";
import type { ConnectCluster } from "./live";
import { UnboundClusterError } from "./live";

/** Opens the registered cluster a cluster node is bound to. */
export const connectRegisteredCluster: ConnectCluster = async (node) => {
  const id = node.registeredClusterId;
  if (!id) throw new UnboundClusterError(`cluster "${node.node.name}" is not bound to a registered cluster; bind it in the cluster's settings and deploy`);
  let opened;
  try {
    opened = await connectionFor(id);
  } catch (err) {
    if (err instanceof HttpError && err.status === 404) throw new UnboundClusterError(`cluster "${node.node.name}" is bound to a registered cluster that no longer exists`);
    throw err;
  }
  return { ...clusterAccessFromConnection(opened.conn as KubeConnection), registeredCluster: { id: opened.cluster.id, name: opened.cluster.name } };
};

