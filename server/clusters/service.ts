// Registered clusters: an admin registers a kubeconfig (one context) or "in-cluster"; the kubeconfig is
// validated by the engine BEFORE anything is stored, then sealed (AES-256-GCM) and never returned.
// Views show only name, server URL, context and user name. Nothing here logs kubeconfig content, and
// errors from the engine are passed on by message only (the engine promises they quote no secrets).
// Registering asks the API server first: credentials it refuses (401/403) are not stored; a server that
// cannot be reached yet is stored with a warning (clusters are often registered before the network path opens).
import "server-only";
import { z } from "zod";
import type { Actor } from "@/server/auth/actor";
import { open, seal } from "@/server/crypto/secret-box";
import { db, type Db } from "@/server/db/client";
import { getSettings } from "@/server/db/settings";
import { deploymentRepository } from "@/server/deployments/repository";
import { ConflictError, InvalidError, NotFoundError, UnprocessableError, UpstreamError } from "@/server/errors";
import { clusterRepository, type ClusterRecord } from "./repository";
import { parseAllowedNamespaces } from "./namespaces";
import {
  KubeconfigError,
  checkConnection,
  connectInCluster,
  connectKubeconfig,
  reachMessage,
  validateKubeconfig,
  verifyCredentials,
  type Connection,
  type ConnectionCheck,
} from "./engine";

/** Kubeconfigs with embedded certificates are a few KiB; anything near this is not a kubeconfig. */
export const MAX_KUBECONFIG_BYTES = 256 * 1024;

const clusterName = z
  .string()
  .trim()
  .min(1, "name is required")
  .max(63, "at most 63 characters")
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "lower-case letters, digits and '-' (DNS-1123 label)");
const namespace = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "must be a DNS-1123 label")
  .max(63);

export const RegisterClusterBody = z.union([
  z
    .object({
      name: clusterName,
      kubeconfig: z
        .string()
        .min(1, "paste or upload a kubeconfig")
        .max(MAX_KUBECONFIG_BYTES, `a kubeconfig is at most ${MAX_KUBECONFIG_BYTES / 1024} KiB`),
      /** The context to use; default: the kubeconfig's current-context. */
      context: z.string().min(1).max(253).optional(),
      namespace: namespace.optional(),
      /** Deploys to a production cluster need an approval by someone other than the revision's author. */
      production: z.boolean().optional(),
    })
    .strict(),
  z
    .object({
      name: clusterName,
      inCluster: z.literal(true),
      namespace: namespace.optional(),
      production: z.boolean().optional(),
    })
    .strict(),
]);
export type RegisterClusterBody = z.infer<typeof RegisterClusterBody>;

export const CheckClusterBody = z
  .object({ namespaces: z.array(namespace).max(50).optional() })
  .strict()
  .optional();

export interface ClusterView {
  id: string;
  name: string;
  server: string;
  contextName: string;
  userName: string;
  namespaceDefault: string | null;
  /** Namespaces designs may use on this cluster (admin setting); null = any. */
  allowedNamespaces: string[] | null;
  inCluster: boolean;
  /** Deploys need a revision approved by someone other than its author, and the cluster's name typed to confirm. */
  production: boolean;
  createdBy: { id: string; name: string };
  createdAt: string;
}

/** A registration stored although its server could not be asked: what to check once it can. */
export interface RegisteredClusterView extends ClusterView {
  warning?: string;
}

export interface ClusterCheckView extends ConnectionCheck {
  clusterId: string;
  namespaces: string[];
  ok: boolean;
}

function toView(c: ClusterRecord): ClusterView {
  return {
    id: c.id,
    name: c.name,
    server: c.server,
    contextName: c.contextName,
    userName: c.userName,
    namespaceDefault: c.namespaceDefault,
    allowedNamespaces: parseAllowedNamespaces(c.allowedNamespaces),
    inCluster: c.inCluster,
    production: c.production,
    createdBy: c.createdBy,
    createdAt: c.createdAt.toISOString(),
  };
}

/** Engine validation errors become 400s carrying only the engine's message (never the input). */
function rejected(err: unknown): InvalidError {
  if (!(err instanceof KubeconfigError)) {
    // Not a validation verdict: do not echo it (it could come from a parser quoting its input).
    return new InvalidError("kubeconfig rejected: it could not be read as a kubeconfig");
  }
  return new InvalidError(`kubeconfig rejected: ${err.message}`);
}

export async function listClusters(client: Db = db()): Promise<ClusterView[]> {
  return (await clusterRepository(client).list()).map(toView);
}

export async function getCluster(id: string, client: Db = db()): Promise<ClusterView> {
  const row = await clusterRepository(client).find(id);
  if (!row) throw new NotFoundError(`cluster "${id}" not found`);
  return toView(row);
}

/**
 * Asks the API server whether it accepts the credentials: refused → 400 on `kubeconfig` with the server's
 * answer (nothing stored); unreachable → the warning to store the cluster with.
 */
async function credentialsWarning(validated: ReturnType<typeof validateKubeconfig>): Promise<string | undefined> {
  // Trying exec-plugin credentials would run the plugin on this server because of an upload.
  if (validated.summary.execPlugin)
    return "stored without checking the credentials: they come from an exec plugin, which runs only when the cluster is used. Use Check connection to try them.";
  let check;
  try {
    check = await verifyCredentials(validated, validated.summary.namespace ?? "default");
  } catch (err) {
    // connect() itself failed (credentials the client library cannot load): the same verdict as a refusal.
    throw new InvalidError(`kubeconfig rejected: ${(err as Error).message}`, {
      issues: [{ path: "kubeconfig", message: (err as Error).message }],
    });
  }
  if (check.outcome === "refused")
    throw new InvalidError(`kubeconfig rejected: ${check.message}`, {
      issues: [{ path: "kubeconfig", message: check.message }],
    });
  if (check.outcome === "unreachable")
    return `stored without checking the credentials: ${check.message}. Use Check connection once the server is reachable.`;
  return undefined;
}

export async function registerCluster(
  actor: Actor,
  body: RegisterClusterBody,
  client: Db = db(),
): Promise<RegisteredClusterView> {
  const clusters = clusterRepository(client);
  if (await clusters.nameTaken(body.name))
    throw new ConflictError(`a cluster named "${body.name}" is already registered`);
  let warning: string | undefined;
  let data: {
    server: string;
    contextName: string;
    userName: string;
    namespaceDefault: string | null;
    inCluster: boolean;
    kubeconfigEnc: string | null;
  };
  if ("inCluster" in body) {
    const host = process.env.KUBERNETES_SERVICE_HOST;
    const port = process.env.KUBERNETES_SERVICE_PORT ?? "443";
    // Refuse early rather than store a cluster that can never connect.
    if (!host)
      throw new InvalidError(
        "in-cluster needs Topology Studio to run inside Kubernetes with a service account (KUBERNETES_SERVICE_HOST is not set here)",
      );
    data = {
      server: `https://${host.includes(":") ? `[${host}]` : host}:${port}`,
      contextName: "in-cluster",
      userName: "service account",
      namespaceDefault: body.namespace ?? null,
      inCluster: true,
      kubeconfigEnc: null,
    };
  } else {
    const { allowExecPlugins } = await getSettings();
    let validated;
    try {
      validated = validateKubeconfig(body.kubeconfig, body.context, { allowExec: allowExecPlugins });
    } catch (err) {
      throw rejected(err);
    }
    const { summary } = validated;
    warning = await credentialsWarning(validated);
    data = {
      server: summary.server,
      contextName: summary.contextName,
      userName: summary.userName,
      namespaceDefault: body.namespace ?? summary.namespace ?? null,
      inCluster: false,
      // Only the chosen context, its cluster and user are kept: other contexts' credentials are never stored.
      kubeconfigEnc: seal(validated.yaml),
    };
  }
  const created = toView(
    await clusters.create({
      name: body.name,
      createdById: actor.user.id,
      production: body.production ?? false,
      ...data,
    }),
  );
  return warning ? { ...created, warning } : created;
}

export async function deleteCluster(id: string, client: Db = db()): Promise<void> {
  const lock = await deploymentRepository(client).runningOnCluster(id);
  if (lock)
    throw new ConflictError(
      `a deployment to this cluster is running (${lock.deploymentId}); delete it when the run has finished`,
    );
  if (!(await clusterRepository(client).remove(id))) throw new NotFoundError(`cluster "${id}" not found`);
}

/**
 * An engine connection for a registered cluster (close it when done). The kubeconfig is opened here, in
 * memory, and only handed to the engine. Re-validated on every use: the admin setting may have changed.
 */
export async function connectionFor(
  id: string,
  client: Db = db(),
): Promise<{ cluster: ClusterView; conn: Connection }> {
  const row = await clusterRepository(client).findWithKubeconfig(id);
  if (!row) throw new NotFoundError(`registered cluster "${id}" not found`);
  const { kubeconfigEnc, ...rest } = row;
  const cluster = toView(rest);
  if (row.inCluster) {
    try {
      return { cluster, conn: await connectInCluster() };
    } catch (err) {
      throw new UnprocessableError(`cannot use the in-cluster service account: ${(err as Error).message}`);
    }
  }
  if (!kubeconfigEnc) throw new UnprocessableError(`cluster "${row.name}" has no stored kubeconfig; register it again`);
  let text: string;
  try {
    text = open(kubeconfigEnc);
  } catch (err) {
    throw new UnprocessableError(
      `cannot read the kubeconfig of cluster "${row.name}": ${(err as Error).message}; register it again`,
    );
  }
  const { allowExecPlugins } = await getSettings();
  try {
    return { cluster, conn: await connectKubeconfig(text, row.contextName, { allowExec: allowExecPlugins }) };
  } catch (err) {
    throw new UnprocessableError(
      `the kubeconfig of cluster "${row.name}" is no longer accepted: ${(err as Error).message}`,
    );
  }
}

/** Server version + what a deploy needs in `namespaces` (default: the cluster's default namespace, else "monitoring"). */
export async function checkCluster(
  id: string,
  namespaces: string[] | undefined,
  client: Db = db(),
): Promise<ClusterCheckView> {
  const { cluster, conn } = await connectionFor(id, client);
  const ns = namespaces?.length ? [...new Set(namespaces)] : [cluster.namespaceDefault ?? "monitoring"];
  try {
    const check = await checkConnection(conn, ns);
    return { clusterId: id, namespaces: ns, ...check, ok: check.missing.length === 0 };
  } catch (err) {
    // Unreachable server, bad certificate, 401: a result to show, not a server fault. The message says
    // whether the server answered (and what) or never did.
    throw new UpstreamError(`cluster "${cluster.name}": ${reachMessage(conn.server, err)}`);
  } finally {
    conn.close();
  }
}
