// Plan and deploy a design revision to the registered cluster its cluster node is bound to.
//
// Deploy = one Deployment row + one DeploymentLock row (primary key designId+clusterId) inserted in the
// same transaction: a second deploy of the same design to the same cluster fails on the key (409), in
// SQLite and PostgreSQL alike and across app replicas. The run itself happens in the background of this
// process (run.ts), writing its progress to the row as it goes, so any replica can answer GET.
import "server-only";
import { z } from "zod";
import type { Component, Design } from "@/lib/topology";
import type { Actor } from "@/server/auth/actor";
import { connectionFor, type ClusterView } from "@/server/clusters/service";
import {
  checkConnection,
  describePermission,
  planObjects,
  type Connection,
  type EnginePlan,
} from "@/server/clusters/engine";
import { db, type Db } from "@/server/db/client";
import { assertNamespacesAllowed, NamespaceNotAllowedError } from "@/server/clusters/namespaces";
import { getSettings } from "@/server/db/settings";
import { designService } from "@/server/designs/service";
import { HttpError } from "@/server/http/errors";
import { OWNER_LABEL, render, type KubeObject } from "@/server/render";
import { markInterruptedRuns, parseProgress, thisRunner, type StoredObject, type StoredProgress } from "./runner";
import { claimDeployment } from "./lock";
import { executeDeployment, objectKey } from "./run";

export const DeployBody = z
  .object({
    /** The design's cluster NODE name; the registered cluster it is bound to is used. */
    cluster: z.string().min(1).max(63),
    /** Default: the latest revision. */
    revision: z.number().int().min(1).optional(),
  })
  .strict();
export type DeployBody = z.infer<typeof DeployBody>;

export interface PlanView {
  designId: string;
  revision: number;
  clusterNode: string;
  /** Other cluster nodes bound to the same registered cluster, deployed with this one. */
  alsoNodes: string[];
  namespace: string;
  cluster: { id: string; name: string; server: string };
  summary: { create: number; update: number; unchanged: number; prune: number };
  entries: EnginePlan["entries"];
  errors: string[];
  approval: { required: boolean; approvedRevision: number | null };
}

export interface DeploymentView {
  id: string;
  designId: string;
  revision: number;
  cluster: { id: string; name: string };
  clusterNode: string | null;
  status: "running" | "succeeded" | "failed" | "interrupted";
  startedBy: { id: string; name: string };
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
  progress: { done: number; total: number; percent: number };
  objects: StoredObject[];
  plan: PlanView | null;
}

export type DeploymentSummary = Omit<DeploymentView, "objects" | "plan">;

interface Target {
  designId: string;
  revision: number;
  node: Component;
  /** Other cluster nodes of the design bound to the same registered cluster: deployed together (see resolveTarget). */
  siblings: Component[];
  namespace: string;
  /** Every namespace the deploy writes to (the node's and its siblings'). */
  namespaces: string[];
  cluster: ClusterView;
  conn: Connection;
  objects: KubeObject[];
  approvedRevision: number | null;
}

const ownerLabel = (designId: string) => ({ key: OWNER_LABEL, value: designId });

/** 403 when the deploy would write to a namespace the admin did not allow on this registered cluster. */
function allowedHere(t: Target): void {
  const written = [...t.namespaces, ...t.objects.map((o) => o.metadata.namespace).filter((n): n is string => !!n)];
  try {
    assertNamespacesAllowed(t.cluster, written);
  } catch (err) {
    if (err instanceof NamespaceNotAllowedError) throw new HttpError(403, err.message);
    throw err;
  }
}

function clusterNodes(design: Design): Component[] {
  return design.components.filter((c) => c.kind === "cluster");
}

/** Renders the revision for one cluster node (secrets in clear) and connects to its bound cluster. */
async function resolveTarget(designId: string, body: DeployBody, client: Db): Promise<Target> {
  const { revision, design } = await designService(client).getDecryptedRevision(designId, body.revision);
  const nodes = clusterNodes(design);
  const node = nodes.find((c) => c.name === body.cluster);
  if (!node) {
    throw new HttpError(
      404,
      `revision ${revision} has no cluster named "${body.cluster}"; it has ${nodes.length ? nodes.map((n) => `"${n.name}"`).join(", ") : "no clusters"}`,
    );
  }
  const settings = node.settings as { registeredClusterId?: string; namespace: string };
  if (!settings.registeredClusterId) {
    throw new HttpError(
      422,
      `cluster "${node.name}" is not bound to a registered cluster in revision ${revision}; choose one in its settings and save`,
    );
  }
  const { cluster, conn } = await connectionFor(settings.registeredClusterId, client).catch((err: unknown) => {
    if (err instanceof HttpError && err.status === 404) {
      throw new HttpError(
        422,
        `cluster "${node.name}" is bound to a registered cluster that no longer exists; bind it again`,
      );
    }
    throw err;
  });
  // Every object of a design carries the same owner label, so prune cannot tell two cluster nodes bound to
  // the same registered cluster apart (it would delete the other node's cluster-scoped objects, its
  // Namespace included). The registered cluster is therefore the unit of a deploy, as it is of the lock:
  // nodes bound to it are rendered, planned and deployed together.
  const siblings = nodes.filter(
    (n) =>
      n !== node &&
      (n.settings as { registeredClusterId?: string }).registeredClusterId === settings.registeredClusterId,
  );
  const objects: KubeObject[] = [];
  for (const n of [node, ...siblings]) {
    try {
      objects.push(...render(design, n.name, { designId, secrets: "clear" }));
    } catch (err) {
      conn.close();
      throw new HttpError(422, `cannot render cluster "${n.name}": ${(err as Error).message}`);
    }
  }
  const namespaces = [...new Set([node, ...siblings].map((n) => (n.settings as { namespace: string }).namespace))];
  const record = await client.design.findUnique({ where: { id: designId }, select: { approvedRevision: true } });
  return {
    designId,
    revision,
    node,
    siblings,
    namespace: settings.namespace,
    namespaces,
    cluster,
    conn,
    objects,
    approvedRevision: record?.approvedRevision ?? null,
  };
}

function summarize(plan: EnginePlan): PlanView["summary"] {
  const s = { create: 0, update: 0, unchanged: 0, prune: 0 };
  for (const e of plan.entries) s[e.action]++;
  return s;
}

export function planView(t: Target, plan: EnginePlan, approvalRequired: boolean): PlanView {
  return {
    designId: t.designId,
    revision: t.revision,
    clusterNode: t.node.name,
    alsoNodes: t.siblings.map((n) => n.name),
    namespace: t.namespace,
    cluster: { id: t.cluster.id, name: t.cluster.name, server: t.cluster.server },
    summary: summarize(plan),
    entries: plan.entries,
    errors: plan.errors,
    approval: { required: approvalRequired, approvedRevision: t.approvedRevision },
  };
}

async function enginePlan(t: Target): Promise<EnginePlan> {
  try {
    return await planObjects(t.conn, t.objects, ownerLabel(t.designId));
  } catch (err) {
    throw new HttpError(502, `cannot plan against cluster "${t.cluster.name}": ${(err as Error).message}`);
  }
}

/** POST /api/designs/:id/plans: what a deploy would do, computed with server-side dry-run; changes nothing. */
export async function planDeployment(designId: string, body: DeployBody, client: Db = db()): Promise<PlanView> {
  const t = await resolveTarget(designId, body, client);
  try {
    allowedHere(t);
    const { requireApprovedRevision } = await getSettings();
    return planView(t, await enginePlan(t), requireApprovedRevision);
  } finally {
    t.conn.close();
  }
}

function approvalProblem(required: boolean, revision: number, approved: number | null): string | null {
  if (!required || approved === revision) return null;
  return approved === null
    ? `only an approved revision may be deployed, and no revision of this design is approved; ask a reviewer to approve revision ${revision}`
    : `only the approved revision may be deployed: revision ${approved} is approved, not revision ${revision}`;
}

/** POST /api/designs/:id/deployments → 202 {id}; 409 when a deploy of this design to this cluster is running. */
export async function startDeployment(
  actor: Actor,
  designId: string,
  body: DeployBody,
  client: Db = db(),
): Promise<{ id: string }> {
  const t = await resolveTarget(designId, body, client);
  try {
    allowedHere(t);
    return await claimAndRun(actor, t, client);
  } catch (err) {
    t.conn.close();
    throw err;
  }
}

/** Policy and permission checks, the lock, then the run in the background (which closes the connection). */
async function claimAndRun(actor: Actor, t: Target, client: Db): Promise<{ id: string }> {
  const designId = t.designId;
  const { requireApprovedRevision } = await getSettings();
  const problem = approvalProblem(requireApprovedRevision, t.revision, t.approvedRevision);
  if (problem) throw new HttpError(409, problem, { approvedRevision: t.approvedRevision });

  // Refuse up front when the credentials cannot do what a deploy needs (read-only kubeconfigs).
  let check;
  try {
    check = await checkConnection(t.conn, t.namespaces);
  } catch (err) {
    throw new HttpError(502, `cannot reach cluster "${t.cluster.name}": ${(err as Error).message}`);
  }
  if (check.missing.length > 0) {
    const listed = check.missing.map(describePermission);
    throw new HttpError(
      403,
      `the credentials of cluster "${t.cluster.name}" may not deploy: missing ${listed.slice(0, 8).join(", ")}${listed.length > 8 ? ` and ${listed.length - 8} more` : ""}`,
      {
        missing: check.missing,
      },
    );
  }

  await markInterruptedRuns(client, { designId, clusterId: t.cluster.id });
  const now = new Date().toISOString();
  const initial: StoredProgress = {
    runner: thisRunner(),
    heartbeatAt: now,
    clusterNode: t.node.name,
    objects: t.objects.map((o) => ({ object: objectKey(o), kind: o.kind, action: "unknown", phase: "pending" })),
  };
  const { id } = await claimDeployment(client, {
    designId,
    clusterId: t.cluster.id,
    clusterName: t.cluster.name,
    revision: t.revision,
    startedById: actor.user.id,
    results: JSON.stringify(initial),
  });

  void executeDeployment(client, {
    id,
    clusterNode: t.node.name,
    conn: t.conn,
    objects: t.objects,
    ownerLabel: ownerLabel(designId),
    planView: (plan) => planView(t, plan, requireApprovedRevision),
  });
  return { id };
}

// ---------------------------------------------------------------------------------------------------
// Reading runs

const WORKLOAD_KINDS = new Set(["StatefulSet", "Deployment", "DaemonSet"]);
const DONE_PHASES = new Set<StoredObject["phase"]>(["applied", "pruned", "ready"]);

/**
 * An object is done when it reached its desired state: workloads once rolled out, others once applied,
 * prune targets once deleted. Failed, timed-out and skipped objects are not done, so a failed run's bar
 * stops short of 100% where it went wrong.
 */
export function objectDone(o: StoredObject): boolean {
  if (!DONE_PHASES.has(o.phase)) return false;
  return !(o.phase === "applied" && WORKLOAD_KINDS.has(o.kind));
}

export function progressOf(objects: StoredObject[], finished: boolean): DeploymentView["progress"] {
  const total = objects.length;
  const done = finished ? total : objects.filter(objectDone).length;
  return { done, total, percent: total === 0 ? (finished ? 100 : 0) : Math.round((done / total) * 100) };
}

const deploymentInclude = {
  cluster: { select: { id: true, name: true } },
  startedBy: { select: { id: true, name: true } },
} as const;

type DeploymentRow = NonNullable<Awaited<ReturnType<typeof findDeployment>>>;
function findDeployment(client: Db, id: string) {
  return client.deployment.findUnique({ where: { id }, include: deploymentInclude });
}

interface StoredPlan {
  view: PlanView;
}

function parsePlan(json: string | null): StoredPlan | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as StoredPlan;
  } catch {
    return null;
  }
}

function summaryOf(row: DeploymentRow): DeploymentSummary & { objects: StoredObject[]; plan: PlanView | null } {
  const progress = parseProgress(row.results);
  const plan = parsePlan(row.plan);
  const objects = progress?.objects ?? [];
  const status = row.status as DeploymentView["status"];
  return {
    id: row.id,
    designId: row.designId,
    revision: row.revision,
    cluster: row.cluster,
    clusterNode: progress?.clusterNode ?? plan?.view.clusterNode ?? null,
    status,
    startedBy: row.startedBy,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    error: row.error,
    progress: progressOf(objects, status === "succeeded"),
    objects,
    plan: plan?.view ?? null,
  };
}

/** GET /api/deployments/:id: status, per-object results and progress, from the database (any replica). */
export async function getDeployment(id: string, client: Db = db()): Promise<DeploymentView> {
  let row = await findDeployment(client, id);
  if (!row) throw new HttpError(404, `deployment "${id}" not found`);
  if (
    row.status === "running" &&
    (await markInterruptedRuns(client, { designId: row.designId, clusterId: row.clusterId })).includes(id)
  ) {
    row = (await findDeployment(client, id))!;
  }
  return summaryOf(row);
}

/** GET /api/designs/:id/deployments: history, newest first (who, which revision, when, result). */
export async function listDeployments(designId: string, client: Db = db()): Promise<DeploymentSummary[]> {
  const design = await client.design.findUnique({ where: { id: designId }, select: { id: true } });
  if (!design) throw new HttpError(404, `design "${designId}" not found`);
  await markInterruptedRuns(client, { designId });
  const rows = await client.deployment.findMany({
    where: { designId },
    include: deploymentInclude,
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: 100,
  });
  return rows.map((r) => {
    const { objects: _o, plan: _p, ...rest } = summaryOf(r);
    return rest;
  });
}
