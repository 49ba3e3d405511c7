// Plan and deploy a design revision to the registered cluster its cluster node is bound to.
//
// Deploy = one Deployment row + one DeploymentLock row (primary key designId+clusterId) inserted in the
// same transaction: a second deploy of the same design to the same cluster fails on the key (409), in
// SQLite and PostgreSQL alike and across app replicas. The run itself happens in the background of this
// process (run.ts), writing its progress to the row as it goes, so any replica can answer GET.
import "server-only";
import { z } from "zod";
import type { DeploymentSummary, DeploymentView, PlanDrift, PlanView } from "@/lib/deploy/plan";
import type { Component, Design } from "@/lib/topology";
import type { Actor } from "@/server/auth/actor";
import { connectionFor, type ClusterView } from "@/server/clusters/service";
import {
  checkConnection,
  describePermission,
  planDrift,
  planObjects,
  type Connection,
  type EnginePlan,
  type PlannedDeploy,
} from "@/server/clusters/engine";
import { open, seal } from "@/server/crypto/secret-box";
import { db, type Db } from "@/server/db/client";
import { assertNamespacesAllowed, NamespaceNotAllowedError } from "@/server/clusters/namespaces";
import { getSettings } from "@/server/db/settings";
import { designRepository } from "@/server/designs/repository";
import { designService } from "@/server/designs/service";
import {
  ConflictError,
  ForbiddenError,
  InvalidError,
  NotFoundError,
  UnprocessableError,
  UpstreamError,
} from "@/server/errors";
import { OWNER_LABEL, render, type KubeObject } from "@/server/render";
import { alreadyRunning, deploymentRepository, type DeploymentRow } from "./repository";
import { markInterruptedRuns, parseProgress, thisRunner, type StoredObject, type StoredProgress } from "./runner";
import { executeDeployment, initialObjects } from "./run";
import { assertProductionApproval, lintErrorsOf, Override, overrideFor, type BlockingFinding } from "./safety";

export type { DeploymentSummary, DeploymentView, PlanView };

const clusterNode = z.string().min(1).max(63);

export const PlanBody = z
  .object({
    /** The design's cluster NODE name; the registered cluster it is bound to is used. */
    cluster: clusterNode,
    /** Default: the latest revision. */
    revision: z.number().int().min(1).optional(),
    /** Plan despite lint errors; the reason is kept with the plan and carried to its deploy. */
    override: Override.optional(),
  })
  .strict();
export type PlanBody = z.infer<typeof PlanBody>;

export const DeployBody = z
  .object({
    cluster: clusterNode,
    /** The reviewed plan to apply. Without it one is computed and deployed at once (scripts, the CLI). */
    planId: z.string().min(1).max(64).optional(),
    /** Only without planId: the revision to plan (default the latest). */
    revision: z.number().int().min(1).optional(),
    /** Deploy despite lint errors (default: the reason the plan was made with, if any). */
    override: Override.optional(),
  })
  .strict()
  .refine((b) => !(b.planId && b.revision !== undefined), {
    message: "give planId or revision, not both: a plan already names its revision",
    path: ["revision"],
  });
export type DeployBody = z.infer<typeof DeployBody>;

/** What a stored plan seals: objects to apply/prune with their planned versions (Secrets in clear inside). */
interface SealedPlan {
  planned: PlannedDeploy;
  /** Every namespace the deploy writes to, for the permission check. */
  namespaces: string[];
}

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
  /** The design's latest revision when the target was resolved: a later save makes a plan stale. */
  headRevision: number;
  /** The revision's lint errors: they block plan and deploy unless overridden with a reason. */
  lintErrors: BlockingFinding[];
}

const ownerLabel = (designId: string) => ({ key: OWNER_LABEL, value: designId });

/** 403 when a plan or deploy would write outside the namespaces the registered cluster allows (admin setting). */
function allowedOn(cluster: ClusterView, namespaces: (string | undefined)[]): void {
  try {
    assertNamespacesAllowed(
      cluster,
      namespaces.filter((n): n is string => !!n),
    );
  } catch (err) {
    if (err instanceof NamespaceNotAllowedError) throw new ForbiddenError(err.message);
    throw err;
  }
}

function allowedHere(t: Target): void {
  allowedOn(t.cluster, [...t.namespaces, ...t.objects.map((o) => o.metadata.namespace)]);
}

function clusterNodes(design: Design): Component[] {
  return design.components.filter((c) => c.kind === "cluster");
}

/** Renders the revision for one cluster node (secrets in clear) and connects to its bound cluster. */
async function resolveTarget(designId: string, body: PlanBody, client: Db): Promise<Target> {
  // The head is read before the revision, so a save in between can only make the plan look stale, never fresh.
  const record = await designRepository(client).find(designId);
  if (!record) throw new NotFoundError(`design "${designId}" not found`);
  const { revision, design } = await designService(client).getDecryptedRevision(designId, body.revision);
  const nodes = clusterNodes(design);
  const node = nodes.find((c) => c.name === body.cluster);
  if (!node) {
    throw new NotFoundError(
      `revision ${revision} has no cluster named "${body.cluster}"; it has ${nodes.length ? nodes.map((n) => `"${n.name}"`).join(", ") : "no clusters"}`,
    );
  }
  const settings = node.settings as { registeredClusterId?: string; namespace: string };
  if (!settings.registeredClusterId) {
    throw new UnprocessableError(
      `cluster "${node.name}" is not bound to a registered cluster in revision ${revision}; choose one in its settings and save`,
    );
  }
  const { cluster, conn } = await connectionFor(settings.registeredClusterId, client).catch((err: unknown) => {
    if (err instanceof NotFoundError)
      throw new UnprocessableError(
        `cluster "${node.name}" is bound to a registered cluster that no longer exists; bind it again`,
      );
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
      throw new UnprocessableError(`cannot render cluster "${n.name}": ${(err as Error).message}`);
    }
  }
  const namespaces = [...new Set([node, ...siblings].map((n) => (n.settings as { namespace: string }).namespace))];
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
    approvedRevision: record.approvedRevision,
    headRevision: record.latestRevision,
    lintErrors: lintErrorsOf(design),
  };
}

function summarize(plan: EnginePlan): PlanView["summary"] {
  const s = { create: 0, update: 0, unchanged: 0, prune: 0 };
  for (const e of plan.entries) s[e.action]++;
  return s;
}

function planView(
  t: Target,
  plan: EnginePlan,
  approvalRequired: boolean,
  overrideReason: string | null,
): Omit<PlanView, "id" | "createdAt"> {
  return {
    designId: t.designId,
    revision: t.revision,
    clusterNode: t.node.name,
    alsoNodes: t.siblings.map((n) => n.name),
    namespace: t.namespace,
    cluster: { id: t.cluster.id, name: t.cluster.name, server: t.cluster.server, production: t.cluster.production },
    summary: summarize(plan),
    entries: plan.entries,
    errors: plan.errors,
    // A production cluster needs an approval whatever the global setting says.
    approval: { required: approvalRequired || t.cluster.production, approvedRevision: t.approvedRevision },
    lintErrors: t.lintErrors,
    overrideReason,
  };
}

async function enginePlan(t: Target): Promise<EnginePlan> {
  try {
    return await planObjects(t.conn, t.objects, ownerLabel(t.designId));
  } catch (err) {
    throw new UpstreamError(`cannot plan against cluster "${t.cluster.name}": ${(err as Error).message}`);
  }
}

/**
 * POST /api/designs/:id/plans: what a deploy would do, computed once with server-side dry-run and stored
 * (objects sealed) so a deploy can apply exactly it. Changes nothing on the cluster.
 */
export async function planDeployment(
  actor: Actor,
  designId: string,
  body: PlanBody,
  client: Db = db(),
): Promise<PlanView> {
  const t = await resolveTarget(designId, body, client);
  try {
    const overrideReason = overrideFor(t.lintErrors, t.revision, body.override?.reason);
    allowedHere(t);
    const { requireApprovedRevision } = await getSettings();
    const plan = await enginePlan(t);
    const view = planView(t, plan, requireApprovedRevision, overrideReason);
    const sealed: SealedPlan = { planned: plan.planned, namespaces: t.namespaces };
    const { id, createdAt } = await deploymentRepository(client).createPlan({
      designId,
      clusterId: t.cluster.id,
      clusterNode: t.node.name,
      revision: t.revision,
      headRevision: t.headRevision,
      objectsEnc: seal(JSON.stringify(sealed)),
      view: JSON.stringify(view),
      overrideReason,
      createdById: actor.user.id,
    });
    return { ...view, id, createdAt: createdAt.toISOString() };
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

const list = (items: string[], n = 3) =>
  `${items.slice(0, n).join("; ")}${items.length > n ? `; and ${items.length - n} more` : ""}`;

/**
 * POST /api/designs/:id/deployments → 202 {id}: applies exactly the plan `planId` (or, without one, a plan
 * computed now). 409 when the plan is stale (a newer save, or live objects changed since), when it found
 * problems, when policy requires an approved revision, or while a deploy of this design to that cluster runs;
 * 403 when the cluster's credentials lack what a deploy needs.
 */
export async function startDeployment(
  actor: Actor,
  designId: string,
  body: DeployBody,
  client: Db = db(),
): Promise<{ id: string; planId: string; overrideReason: string | null }> {
  const planId = body.planId ?? (await planDeployment(actor, designId, body, client)).id;
  return { ...(await deployPlanById(actor, designId, planId, body, client)), planId };
}

async function deployPlanById(
  actor: Actor,
  designId: string,
  planId: string,
  body: Pick<DeployBody, "cluster" | "override">,
  client: Db,
): Promise<{ id: string; overrideReason: string | null }> {
  const node = body.cluster;
  const repo = deploymentRepository(client);
  const row = await repo.findPlan(planId);
  if (!row || row.designId !== designId) throw new NotFoundError(`plan "${planId}" not found for this design`);
  if (row.clusterNode !== node)
    throw new InvalidError(`plan "${planId}" was made for cluster "${row.clusterNode}", not "${node}"`);
  const design = await designRepository(client).find(designId);
  if (!design) throw new NotFoundError(`design "${designId}" not found`);
  if (design.latestRevision > row.headRevision)
    throw new ConflictError(
      `the design has revision ${design.latestRevision}, saved after this plan of revision ${row.revision} was made; re-plan to see what deploying would do now`,
      { reason: "stale-revision", latestRevision: design.latestRevision, planRevision: row.revision },
    );
  const view = JSON.parse(row.view) as Omit<PlanView, "id" | "createdAt">;
  // Linted again: the stored plan may predate the rule that now finds an error.
  const { design: revised } = await designService(client).getDecryptedRevision(designId, row.revision);
  const overrideReason = overrideFor(
    lintErrorsOf(revised),
    row.revision,
    body.override?.reason ?? row.overrideReason ?? undefined,
  );
  const { requireApprovedRevision } = await getSettings();
  const problem = approvalProblem(requireApprovedRevision, row.revision, design.approvedRevision);
  if (problem) throw new ConflictError(problem, { reason: "approval", approvedRevision: design.approvedRevision });

  const sealed = JSON.parse(open(row.objectsEnc)) as SealedPlan;
  const { cluster, conn } = await connectionFor(row.clusterId, client);
  try {
    if (cluster.production)
      await assertProductionApproval(client, {
        designId,
        revision: row.revision,
        approvedRevision: design.approvedRevision,
        clusterName: cluster.name,
      });
    // Checked again at deploy time: an admin may have narrowed the cluster's namespaces since the plan was made.
    allowedOn(cluster, [...sealed.namespaces, ...sealed.planned.apply.map((a) => a.object.metadata.namespace)]);
    await refuseWithout(conn, cluster, sealed.namespaces);
    if (view.errors.length)
      throw new ConflictError(`this plan found problems and cannot be deployed: ${list(view.errors)}`, {
        reason: "plan-errors",
      });
    // A run in progress moves the live objects: say so, rather than call its changes drift.
    await markInterruptedRuns(client, { designId, clusterId: cluster.id });
    const running = await repo.runningFor(designId, cluster.id);
    if (running) throw alreadyRunning(cluster.name, running.deploymentId);
    const current = await confirmUnchanged(conn, cluster, sealed.planned);

    const initial: StoredProgress = {
      runner: thisRunner(),
      heartbeatAt: new Date().toISOString(),
      clusterNode: row.clusterNode,
      objects: initialObjects(view.entries),
    };
    const { id } = await repo.claim({
      designId,
      clusterId: cluster.id,
      clusterName: cluster.name,
      revision: row.revision,
      startedById: actor.user.id,
      results: JSON.stringify(initial),
      planId,
      overrideReason,
    });
    void executeDeployment(client, {
      id,
      clusterNode: row.clusterNode,
      conn,
      planned: current,
      entries: view.entries,
      ownerLabel: ownerLabel(designId),
    });
    return { id, overrideReason };
  } catch (err) {
    conn.close();
    throw err;
  }
}

/** Refuse up front when the credentials cannot do what a deploy needs (read-only kubeconfigs). */
async function refuseWithout(conn: Connection, cluster: ClusterView, namespaces: string[]): Promise<void> {
  let check;
  try {
    check = await checkConnection(conn, namespaces);
  } catch (err) {
    throw new UpstreamError(`cannot reach cluster "${cluster.name}": ${(err as Error).message}`);
  }
  if (check.missing.length > 0) {
    const listed = check.missing.map(describePermission);
    throw new ForbiddenError(
      `the credentials of cluster "${cluster.name}" may not deploy: missing ${listed.slice(0, 8).join(", ")}${listed.length > 8 ? ` and ${listed.length - 8} more` : ""}`,
      { missing: check.missing },
    );
  }
}

/** The plan as the cluster is now, or 409 naming what moved since it was made (resourceVersion drift). */
async function confirmUnchanged(
  conn: Connection,
  cluster: ClusterView,
  planned: PlannedDeploy,
): Promise<PlannedDeploy> {
  let result: { drift: PlanDrift[]; current: PlannedDeploy };
  try {
    result = await planDrift(conn, planned);
  } catch (err) {
    throw new UpstreamError(`cannot read cluster "${cluster.name}" to check the plan: ${(err as Error).message}`);
  }
  if (result.drift.length)
    throw new ConflictError(
      `the cluster changed since this plan was made: ${list(result.drift.map((d) => `${d.object} ${d.reason}`))}; re-plan to review what deploying would do now`,
      { reason: "drift", drift: result.drift },
    );
  return result.current;
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

/** Runs older than stored plans kept their plan view in the row itself. */
function legacyPlan(json: string | null): PlanView | null {
  if (!json) return null;
  try {
    return (JSON.parse(json) as { view?: PlanView }).view ?? null;
  } catch {
    return null;
  }
}

function planOf(row: DeploymentRow): PlanView | null {
  if (!row.planned || !row.planId) return legacyPlan(row.plan);
  return { ...(JSON.parse(row.planned.view) as PlanView), id: row.planId };
}

function summaryOf(row: DeploymentRow): DeploymentView {
  const progress = parseProgress(row.results);
  const plan = planOf(row);
  const objects = progress?.objects ?? [];
  const status = row.status as DeploymentView["status"];
  return {
    id: row.id,
    designId: row.designId,
    revision: row.revision,
    planId: row.planId,
    cluster: row.cluster,
    clusterNode: progress?.clusterNode ?? plan?.clusterNode ?? null,
    status,
    startedBy: row.startedBy,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    error: row.error,
    overrideReason: row.overrideReason,
    progress: progressOf(objects, status === "succeeded"),
    objects,
    plan,
  };
}

/** GET /api/deployments/:id: status, per-object results and progress, from the database (any replica). */
export async function getDeployment(id: string, client: Db = db()): Promise<DeploymentView> {
  const repo = deploymentRepository(client);
  let row = await repo.find(id);
  if (!row) throw new NotFoundError(`deployment "${id}" not found`);
  if (
    row.status === "running" &&
    (await markInterruptedRuns(client, { designId: row.designId, clusterId: row.clusterId })).includes(id)
  ) {
    row = (await repo.find(id))!;
  }
  return summaryOf(row);
}

/** GET /api/designs/:id/deployments: history, newest first (who, which revision, when, result). */
export async function listDeployments(designId: string, client: Db = db()): Promise<DeploymentSummary[]> {
  if (!(await designRepository(client).find(designId))) throw new NotFoundError(`design "${designId}" not found`);
  await markInterruptedRuns(client, { designId });
  const rows = await deploymentRepository(client).listForDesign(designId);
  return rows.map((r) => {
    const { objects: _o, plan: _p, ...rest } = summaryOf(r);
    return rest;
  });
}
