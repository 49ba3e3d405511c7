/**
 * Live-status access to a registered cluster: the stored kubeconfig is opened by server/clusters and
 * turned into a connection by the deploy engine (server/kube); this adapts that connection to the
 * two reads status needs (lists and the services/proxy subresource).
 * Connections are kept for a few minutes between refreshes: polling every 5 s would otherwise repeat
 * a TLS handshake per socket per cluster each time. The cluster row is still looked up on every
 * refresh, so a deleted registration stops being read at once.
 */
import "server-only";
import { clusterRepository } from "@/server/clusters/repository";
import { connectionFor } from "@/server/clusters/service";
import { db } from "@/server/db/client";
import { NotFoundError } from "@/server/errors";
import type { KubeConnection } from "@/server/kube";
import { parseAllowedNamespaces } from "@/server/clusters/namespaces";
import { clusterAccessFromConnection } from "./kube-access";
import type { ConnectCluster } from "./live";
import { UnboundClusterError } from "./live";

const KEEP_MS = Number(process.env.STUDIO_STATUS_CONNECTION_TTL_MS ?? 5 * 60_000);

interface Kept {
  conn: KubeConnection;
  cluster: { id: string; name: string };
  expires: number;
}
const kept = new Map<string, Promise<Kept>>();

async function openConnection(id: string): Promise<Kept> {
  const opened = await connectionFor(id);
  return {
    conn: opened.conn as KubeConnection,
    cluster: { id: opened.cluster.id, name: opened.cluster.name },
    expires: Date.now() + KEEP_MS,
  };
}

function dropExpired(now: number) {
  for (const [id, entry] of kept) {
    void entry.then(
      (k) => {
        if (k.expires <= now && kept.get(id) === entry) {
          kept.delete(id);
          k.conn.close();
        }
      },
      () => kept.delete(id),
    );
  }
}

/** Opens (or reuses) the registered cluster a cluster node is bound to. */
export const connectRegisteredCluster: ConnectCluster = async (node) => {
  const id = node.registeredClusterId;
  if (!id)
    throw new UnboundClusterError(
      `cluster "${node.node.name}" is not bound to a registered cluster; bind it in the cluster's settings and deploy`,
    );
  const row = await clusterRepository(db()).findAllowedNamespaces(id);
  if (!row) {
    const stale = kept.get(id);
    kept.delete(id);
    void stale?.then(
      (k) => k.conn.close(),
      () => undefined,
    );
    throw new UnboundClusterError(`cluster "${node.node.name}" is bound to a registered cluster that no longer exists`);
  }
  const now = Date.now();
  dropExpired(now);
  let entry = kept.get(id);
  if (!entry) {
    entry = openConnection(id);
    kept.set(id, entry);
    entry.catch(() => kept.delete(id)); // a failed open is retried on the next refresh
  }
  let k: Kept;
  try {
    k = await entry;
  } catch (err) {
    if (err instanceof NotFoundError)
      throw new UnboundClusterError(
        `cluster "${node.node.name}" is bound to a registered cluster that no longer exists`,
      );
    throw err;
  }
  // Kept connections are closed by expiry, not by the refresh that borrowed them.
  const { close: _close, ...access } = clusterAccessFromConnection(k.conn);
  // The restriction is read fresh on every refresh, not from the kept connection: an admin's change applies at once.
  return { ...access, registeredCluster: k.cluster, allowedNamespaces: parseAllowedNamespaces(row.allowedNamespaces) };
};
