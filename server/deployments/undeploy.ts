// Deleting a design that was deployed: refused while it may still own objects on a cluster, unless the
// caller asks to undeploy first. Undeploy is a prune of an empty render: everything on each cluster that
// carries the design's owner label and was applied by the studio, dependents first (the engine's prune).
// The design is deleted only when every cluster came out clean, so a failure leaves a way to retry.
import "server-only";
import { findOwned, pruneObjects } from "@/server/clusters/engine";
import { connectionFor } from "@/server/clusters/service";
import { audit, type AuditActor } from "@/server/audit/log";
import { open } from "@/server/crypto/secret-box";
import { db, type Db } from "@/server/db/client";
import { designRepository } from "@/server/designs/repository";
import { designService } from "@/server/designs/service";
import { ConflictError, NotFoundError, UpstreamError } from "@/server/errors";
import { OWNER_LABEL } from "@/server/render";
import { alreadyRunning, deploymentRepository, isUniqueViolation } from "./repository";

export interface UndeployReport {
  cluster: { id: string; name: string };
  /** Objects deleted (or found already gone). */
  pruned: string[];
  failed: { object: string; message: string }[];
  /** Problems listing what the design owns (a cluster whose objects could not all be found). */
  errors: string[];
}

async function namespacesOf(client: Db, designId: string, clusterId: string): Promise<string[]> {
  const plans = await deploymentRepository(client).sealedPlans(designId, clusterId);
  const out = new Set<string>();
  for (const p of plans) {
    const sealed = JSON.parse(open(p.objectsEnc)) as {
      namespaces?: string[];
      planned?: { apply?: { object: { metadata: { namespace?: string } } }[] };
    };
    for (const ns of sealed.namespaces ?? []) out.add(ns);
    for (const a of sealed.planned?.apply ?? []) if (a.object.metadata.namespace) out.add(a.object.metadata.namespace);
  }
  return [...out];
}

/** Who asked for the undeploy, for the audit log. */
export interface UndeployRequester {
  actor: AuditActor;
  address?: string;
}

/** Both outcomes are audited: a failed undeploy left objects on a cluster someone has to look at. */
async function auditUndeploy(
  by: UndeployRequester | undefined,
  designId: string,
  reports: UndeployReport[],
  error?: string,
): Promise<void> {
  if (reports.length === 0) return;
  await audit({
    action: error ? "design.undeploy_failed" : "design.undeployed",
    actor: by?.actor,
    address: by?.address,
    target: `design:${designId}`,
    details: {
      clusters: reports.map((r) => ({
        name: r.cluster.name,
        pruned: r.pruned.length,
        ...(r.failed.length ? { failed: r.failed.slice(0, 20) } : {}),
        ...(r.errors.length ? { errors: r.errors } : {}),
      })),
      deleted: !error,
      ...(error ? { error } : {}),
    },
  });
}

/** Holds the (design, cluster) deploy lock while pruning, so no deploy of this design runs meanwhile. */
async function undeployFrom(client: Db, designId: string, cluster: { id: string; name: string }) {
  const lockId = `undeploy_${designId}_${Date.now().toString(36)}`;
  try {
    await client.deploymentLock.create({ data: { designId, clusterId: cluster.id, deploymentId: lockId } });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    throw alreadyRunning(
      cluster.name,
      (await deploymentRepository(client).runningFor(designId, cluster.id))?.deploymentId ?? null,
    );
  }
  try {
    const namespaces = await namespacesOf(client, designId, cluster.id);
    const { conn } = await connectionFor(cluster.id, client);
    try {
      const { owned, errors } = await findOwned(conn, { key: OWNER_LABEL, value: designId }, namespaces);
      const results = await pruneObjects(conn, owned);
      return {
        cluster,
        pruned: results.filter((r) => r.status === "pruned").map((r) => r.object),
        failed: results
          .filter((r) => r.status === "failed")
          .map((r) => ({ object: r.object, message: r.message ?? "failed" })),
        errors,
      } satisfies UndeployReport;
    } finally {
      conn.close();
    }
  } finally {
    await client.deploymentLock.deleteMany({ where: { deploymentId: lockId } });
  }
}

/**
 * DELETE /api/designs/:id[?undeploy=true]: 409 `deployed` naming the clusters while the design was deployed
 * somewhere; with undeploy, prunes what it owns on each cluster, then deletes it (502 and nothing deleted
 * when a cluster could not be cleaned). Returns what was pruned where; either outcome is audited.
 */
export async function deleteDesign(
  designId: string,
  opts: { undeploy: boolean; by?: UndeployRequester },
  client: Db = db(),
): Promise<UndeployReport[]> {
  if (!(await designRepository(client).find(designId))) throw new NotFoundError(`design "${designId}" not found`);
  const clusters = await deploymentRepository(client).deployedClusters(designId);
  if (clusters.length > 0 && !opts.undeploy) {
    const names = clusters.map((c) => `"${c.name}"`).join(", ");
    throw new ConflictError(
      `this design is deployed to ${clusters.length === 1 ? "cluster" : "clusters"} ${names}; deleting it would leave its objects there with nothing to prune them. Undeploy and delete (?undeploy=true, deployer role) removes them first`,
      { reason: "deployed", clusters: clusters.map((c) => c.name) },
    );
  }
  const reports: UndeployReport[] = [];
  for (const c of clusters) {
    try {
      reports.push(await undeployFrom(client, designId, c));
    } catch (err) {
      if (err instanceof ConflictError) throw err;
      reports.push({ cluster: c, pruned: [], failed: [], errors: [(err as Error).message] });
    }
  }
  const unclean = reports.filter((r) => r.failed.length > 0 || r.errors.length > 0);
  if (unclean.length > 0) {
    const what = unclean
      .map(
        (r) =>
          `"${r.cluster.name}": ${[...r.errors, ...r.failed.map((f) => `${f.object} ${f.message}`)].slice(0, 3).join("; ")}`,
      )
      .join(" · ");
    const message = `could not undeploy everything, so the design was kept: ${what}`;
    await auditUndeploy(opts.by, designId, reports, message);
    throw new UpstreamError(message, { reason: "undeploy-failed", undeployed: reports });
  }
  await designService(client).remove(designId);
  await auditUndeploy(opts.by, designId, reports);
  return reports;
}
