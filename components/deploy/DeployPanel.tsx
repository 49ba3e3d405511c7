"use client";
// The editor's Deploy tab: choose a cluster node and revision → plan (nothing changes yet) → confirm →
// deploy → live progress in a drawer → history with rollback. Works on SAVED revisions only. Lint errors
// block Plan and Deploy unless the user gives a reason ("Deploy anyway…").
import { useMemo, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { AlertTriangle, ClipboardList, RefreshCw, Rocket, Server } from "lucide-react";
import { Button } from "@/components/ui/button";
import { ApiError, fetchJson } from "@/components/ui/fetch-json";
import { useToast } from "@/components/ui/toast";
import { lintBlocks } from "@/lib/deploy/lint-block";
import type { Design } from "@/lib/topology/design";
import { clustersApi } from "@/components/clusters/api";
import {
  deployApi,
  type DeployRefusal,
  type DeploymentSummary,
  type LintBlock as Finding,
  type PlanView as Plan,
} from "./api";
import { ConfirmDeploy } from "./ConfirmDeploy";
import { GitExportCard, GitExportHistory, useGitExports } from "@/components/gitops/GitExport";
import { relativeTime } from "./format";
import { LintBlock, OverrideDialog } from "./LintBlock";
import { DeployProgress } from "./DeployProgress";
import { HistoryList } from "./HistoryList";
import { PlanSummary, PlanView } from "./PlanView";
import styles from "./deploy.module.css";

export interface DeployPanelProps {
  designId: string;
  /** The latest saved revision and its document (what the cluster nodes list comes from). */
  revision: number;
  design: Design;
  dirty: boolean;
  /** Select a component on the canvas (to bind an unbound cluster node). */
  onSelectComponent?: (id: string) => void;
}

const REFUSAL_TITLE: Record<NonNullable<DeployRefusal["reason"]>, string> = {
  "stale-revision": "The design was saved after this plan was made.",
  drift: "The cluster changed since this plan was made.",
  "plan-errors": "This plan cannot be deployed.",
  approval: "This revision may not be deployed.",
  "lint-errors": "This revision has lint errors.",
};

/** A per-target fact (lint errors the server named, an override reason): it holds only for that node and revision. */
interface ForTarget<T> {
  node: string;
  rev: number;
  value: T;
}
const forTarget = <T,>(t: ForTarget<T> | null, node: string, rev: number) =>
  t && t.node === node && t.rev === rev ? t.value : null;

export function DeployPanel({ designId, revision, design, dirty, onSelectComponent }: DeployPanelProps) {
  const toast = useToast();
  const qc = useQueryClient();
  const nodes = useMemo(() => design.components.filter((c) => c.kind === "cluster"), [design.components]);
  // Picked cluster node, or the first one once the picked node is gone from the design.
  const [pickedNode, setNode] = useState(nodes[0]?.name ?? "");
  const node = nodes.some((n) => n.name === pickedNode) ? pickedNode : (nodes[0]?.name ?? "");
  // Picked revision; a new save moves the default target to the new revision.
  const [picked, setPicked] = useState({ base: revision, rev: revision });
  const rev = picked.base === revision ? picked.rev : revision;
  const setRev = (r: number) => setPicked({ base: revision, rev: r });
  const [plan, setPlan] = useState<Plan | null>(null);
  const [planError, setPlanError] = useState<string | null>(null);
  /** Why the server refused to deploy the plan on screen (409): it went stale; a Re-plan is the way on. */
  const [refusal, setRefusal] = useState<DeployRefusal | null>(null);
  const [planning, setPlanning] = useState(false);
  const [deploying, setDeploying] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const [startedHere, setStartedHere] = useState<string | null>(null);
  const [serverFindings, setServerFindings] = useState<ForTarget<Finding[]> | null>(null);
  const [override, setOverride] = useState<ForTarget<string> | null>(null);
  const [askingReason, setAskingReason] = useState(false);
  const [confirming, setConfirming] = useState(false);

  const clusters = useQuery({ queryKey: ["clusters"], queryFn: clustersApi.list, staleTime: 30_000, retry: false });
  const revisions = useQuery({
    queryKey: ["revisions", designId, revision],
    queryFn: () =>
      fetchJson<{ revisions: { revision: number; message: string | null; createdAt: string }[] }>(
        `/api/designs/${encodeURIComponent(designId)}/revisions`,
      ).then((r) => r.revisions),
  });
  const history = useQuery({ queryKey: ["deployments", designId], queryFn: () => deployApi.history(designId) });
  const gitExports = useGitExports(designId);

  const selected = nodes.find((n) => n.name === node);
  const boundId = (selected?.settings as { registeredClusterId?: string } | undefined)?.registeredClusterId;
  const bound = clusters.data?.find((c) => c.id === boundId);
  const namespace = (selected?.settings as { namespace?: string } | undefined)?.namespace ?? "monitoring";
  // Nodes bound to the same registered cluster are deployed together (the server explains why).
  const together = boundId
    ? nodes
        .filter(
          (n) => n !== selected && (n.settings as { registeredClusterId?: string }).registeredClusterId === boundId,
        )
        .map((n) => n.name)
    : [];
  const planFresh = plan && plan.clusterNode === node && plan.revision === rev;
  // The latest revision is linted here, as the server will; an older one's errors come from the server's 409.
  const localFindings = useMemo(() => (rev === revision ? lintBlocks(design) : null), [design, rev, revision]);
  const blocking = forTarget(serverFindings, node, rev) ?? localFindings ?? [];
  const reason = forTarget(override, node, rev);
  const blocked = blocking.length > 0 && !reason;
  const running = history.data?.find((d) => d.status === "running" && (d.clusterNode ?? d.cluster.name) === node);

  const liveRevision = useMemo(() => {
    const m = new Map<string, number>();
    // History is newest first: the first success per node is what is live there.
    for (const d of history.data ?? []) {
      const n = d.clusterNode ?? d.cluster.name;
      if (d.status === "succeeded" && !m.has(n)) m.set(n, d.revision);
    }
    return m;
  }, [history.data]);

  /** A 409 lint-errors names the findings for that target; true when `e` was one. */
  function lintRefused(e: unknown, target: { node: string; rev: number }): boolean {
    const body = e instanceof ApiError ? (e.body as DeployRefusal | undefined) : undefined;
    if (!(e instanceof ApiError && e.status === 409 && body?.reason === "lint-errors")) return false;
    setServerFindings({ ...target, value: body.findings ?? [] });
    return true;
  }

  async function runPlan(target = { node, rev }, overrideReason = forTarget(override, target.node, target.rev)) {
    setPlanning(true);
    setPlanError(null);
    setRefusal(null);
    setPlan(null);
    try {
      setPlan(await deployApi.plan(designId, target.node, target.rev, overrideReason ?? undefined));
    } catch (e) {
      if (!lintRefused(e, target)) setPlanError((e as Error).message);
    } finally {
      setPlanning(false);
    }
  }

  async function deploy() {
    if (!plan) return;
    setDeploying(true);
    try {
      // Exactly the plan on screen: the server refuses (409) if it went stale since.
      const { id } = await deployApi.deploy(designId, plan.clusterNode, plan.id);
      setConfirming(false);
      setOpen(id);
      setStartedHere(id);
      void qc.invalidateQueries({ queryKey: ["deployments", designId] });
    } catch (e) {
      setConfirming(false);
      if (lintRefused(e, { node: plan.clusterNode, rev: plan.revision })) return;
      const body = e instanceof ApiError ? (e.body as DeployRefusal | undefined) : undefined;
      if (body?.runningDeploymentId) setOpen(body.runningDeploymentId);
      if (e instanceof ApiError && e.status === 409 && body?.reason) setRefusal(body);
      else toast.error((e as Error).message, "Deploy refused");
    } finally {
      setDeploying(false);
    }
  }

  function rollback(d: DeploymentSummary) {
    const target = { node: d.clusterNode ?? node, rev: d.revision };
    setNode(target.node);
    setRev(target.rev);
    void runPlan(target);
    toast.info(`Review the plan for revision ${d.revision}, then deploy it to roll back.`, "Rolling back");
  }

  if (nodes.length === 0) {
    return (
      <div className={styles.panel}>
        <div className={styles.emptyPanel}>
          <Server size={28} aria-hidden />
          <h3>Nothing to deploy yet</h3>
          <p>Add a Cluster to the design, bind it to a registered cluster and save; then plan and deploy it here.</p>
        </div>
      </div>
    );
  }

  return (
    <div className={styles.panel} data-testid="deploy-panel">
      <div className={styles.main}>
        <div className={styles.target}>
          <label>
            <span>Cluster</span>
            <select className="select" value={node} onChange={(e) => setNode(e.target.value)} aria-label="Cluster node">
              {nodes.map((n) => (
                <option key={n.id} value={n.name}>
                  {n.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>Revision</span>
            <select
              className="select"
              value={rev}
              onChange={(e) => setRev(Number(e.target.value))}
              aria-label="Revision"
            >
              {(revisions.data ?? [{ revision, message: null, createdAt: "" }]).map((r) => (
                <option key={r.revision} value={r.revision}>
                  r{r.revision}
                  {r.revision === revision ? " (latest)" : ""}
                  {r.message ? ` — ${r.message.slice(0, 40)}` : ""}
                </option>
              ))}
            </select>
          </label>
          <div className={styles.targetInfo}>
            {bound ? (
              <>
                <Server size={14} aria-hidden /> <strong>{bound.name}</strong>{" "}
                <span className="faint">{bound.server}</span> · namespace <strong>{namespace}</strong>
                {together.length ? (
                  <span className="faint"> · deployed together with {together.join(", ")} (same cluster)</span>
                ) : null}
              </>
            ) : boundId ? (
              <span className={styles.warn}>
                <AlertTriangle size={14} aria-hidden /> Bound to a cluster that is not registered any more.
              </span>
            ) : (
              <span className={styles.warn}>
                <AlertTriangle size={14} aria-hidden /> Not bound to a registered cluster.{" "}
                {selected && onSelectComponent ? (
                  <button type="button" className={styles.linkButton} onClick={() => onSelectComponent(selected.id)}>
                    Bind it in the inspector
                  </button>
                ) : null}
              </span>
            )}
          </div>
          <div className={styles.targetActions}>
            <Button
              icon={<ClipboardList size={16} />}
              loading={planning}
              onClick={() => void runPlan()}
              disabled={!node || blocked}
              data-testid="plan-button"
              title={blocked ? "Lint errors block Plan: fix them, or Deploy anyway… with a reason" : undefined}
            >
              {plan ? "Re-plan" : "Plan"}
            </Button>
            <Button
              variant="primary"
              icon={<Rocket size={16} />}
              loading={deploying}
              disabled={!planFresh || plan!.errors.length > 0 || !!running || !!refusal || blocked}
              onClick={() => setConfirming(true)}
              data-testid="deploy-button"
              title={
                blocked
                  ? "Lint errors block Deploy"
                  : !planFresh
                    ? "Plan first: see what will change"
                    : "Review the target, then deploy exactly the plan shown below"
              }
            >
              Deploy this plan…
            </Button>
          </div>
        </div>
        {blocking.length > 0 ? (
          <LintBlock findings={blocking} overrideReason={reason} onDeployAnyway={() => setAskingReason(true)} />
        ) : null}
        {dirty ? (
          <div className="alert alert-warning">
            You have unsaved changes. Deploy uses saved revisions only — save to plan your latest edits.
          </div>
        ) : null}
        {running ? (
          <div className="alert alert-info">
            A deployment of revision {running.revision} to {node} is running.{" "}
            <button type="button" className={styles.linkButton} onClick={() => setOpen(running.id)}>
              Show progress
            </button>
          </div>
        ) : null}

        <section className={styles.card} aria-label="Plan">
          <header className={styles.cardHead}>
            <h3>Plan</h3>
            {plan ? <PlanSummary plan={plan} /> : null}
          </header>
          {planError ? (
            <div className="alert alert-danger" role="alert" data-testid="plan-error">
              {planError}
            </div>
          ) : plan ? (
            <>
              {refusal ? (
                <div
                  className="alert alert-warning"
                  role="alert"
                  data-testid="deploy-refusal"
                  data-reason={refusal.reason}
                >
                  <AlertTriangle size={16} aria-hidden />
                  <div>
                    <strong>{REFUSAL_TITLE[refusal.reason ?? "drift"]}</strong>
                    {/* The objects below say what moved; the full message would list them twice. */}
                    {refusal.drift?.length ? null : <p>{refusal.error}</p>}
                    {refusal.drift?.length ? (
                      <ul className={styles.errorList}>
                        {refusal.drift.slice(0, 8).map((d) => (
                          <li key={d.object}>
                            <strong>
                              {d.key.kind} {d.key.namespace ? `${d.key.namespace}/` : ""}
                              {d.key.name}
                            </strong>{" "}
                            {d.reason}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                    <Button
                      icon={<RefreshCw size={14} />}
                      loading={planning}
                      onClick={() =>
                        void runPlan({
                          node: plan.clusterNode,
                          rev: refusal.reason === "stale-revision" ? revision : plan.revision,
                        })
                      }
                      data-testid="refusal-replan"
                    >
                      Re-plan
                    </Button>
                  </div>
                </div>
              ) : null}
              <p className="muted" data-testid="plan-meta" data-plan-id={plan.id}>
                Revision {plan.revision} of <strong>{plan.clusterNode}</strong> against {plan.cluster.name} (namespace{" "}
                {plan.namespace}), computed with a server-side dry run {relativeTime(plan.createdAt)}. Nothing has
                changed yet; Deploy applies exactly this plan, and refuses if the design or the cluster changed since.
                {plan.approval.required && plan.approval.approvedRevision !== plan.revision ? (
                  <span className={styles.warn}>
                    {" "}
                    Only the approved revision
                    {plan.approval.approvedRevision ? ` (r${plan.approval.approvedRevision})` : ""} may be deployed
                    {plan.cluster.production
                      ? ` to ${plan.cluster.name}, a production cluster, approved by someone other than its author`
                      : ""}
                    .
                  </span>
                ) : null}
              </p>
              <PlanView plan={plan} />
            </>
          ) : (
            <p className="muted">
              {planning
                ? "Planning: rendering the revision and dry-running every object on the cluster…"
                : "Plan shows what a deploy would create, update and prune, before anything changes."}
            </p>
          )}
        </section>

        {selected ? (
          <GitExportCard
            designId={designId}
            node={node}
            revision={rev}
            gitTargetId={(selected.settings as { gitTargetId?: string }).gitTargetId}
            canExport={!dirty}
          />
        ) : null}
        <section className={styles.card} aria-label="History">
          <header className={styles.cardHead}>
            <h3>History</h3>
          </header>
          {history.isError ? (
            <div className="alert alert-danger">{(history.error as Error).message}</div>
          ) : (
            <HistoryList
              deployments={history.data ?? []}
              liveRevision={liveRevision}
              onOpen={setOpen}
              onRollback={rollback}
            />
          )}
          <GitExportHistory exports={gitExports.data ?? []} />
        </section>
        {clusters.data && clusters.data.length === 0 ? (
          <p className="faint">
            No cluster is registered yet: <Link href="/clusters">register one</Link>.
          </p>
        ) : null}
      </div>
      <OverrideDialog
        key={`${node}-${rev}-${askingReason}`}
        open={askingReason}
        errors={blocking.length}
        onClose={() => setAskingReason(false)}
        onConfirm={(r) => {
          setAskingReason(false);
          setOverride({ node, rev, value: r });
          void runPlan({ node, rev }, r);
        }}
      />
      <ConfirmDeploy
        plan={confirming && planFresh ? plan : null}
        busy={deploying}
        onClose={() => setConfirming(false)}
        onConfirm={() => void deploy()}
      />
      {open ? (
        <DeployProgress
          key={open}
          deploymentId={open}
          onClose={() => setOpen(null)}
          onFinished={(d) => {
            void qc.invalidateQueries({ queryKey: ["deployments", designId] });
            // The plan just deployed is spent: the next one must be computed against what is live now.
            if (d.id === startedHere && d.status === "succeeded") setPlan(null);
          }}
        />
      ) : null}
    </div>
  );
}
