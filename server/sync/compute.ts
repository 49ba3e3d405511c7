// Sync status of one design, Argo CD style: per cluster node, is live what the deployed revision renders,
// and is the deployed revision what the latest renders? Live is compared with the deploy plan itself
// (server-side dry-run + field diff + prune set), so "differs" means exactly "a deploy would change it".
import "server-only";
import type { ComponentOf, Design } from "@/lib/topology";
import { DesignGraph } from "@/lib/topology";
import { errorMessage, liveVersion, plan, type KubeConnection, type Plan } from "@/server/kube";
import { OWNER_LABEL, render, type KubeObject } from "@/server/render";
import { disallowedNamespaces } from "@/server/clusters/namespaces";
import type { DeployedRevision } from "./deployed";
import { objectName } from "./object-name";
import type { ClusterSync, SyncCause, SyncDifference, SyncReport, SyncStatus } from "./report";

type ClusterNode = ComponentOf<"cluster">;

export interface SyncInput {
  designId: string;
  latest: { revision: number; design: Design };
  deployed: Map<string, DeployedRevision>;
  /** A stored revision with secret values in clear (what a deploy applied). */
  loadRevision(revision: number): Promise<Design>;
  /** Opens the registered cluster; throws when it no longer exists or its credentials cannot be used. */
  /** `allowedNamespaces`: the admin's restriction on the registered cluster (null or absent: any). */
  connect(clusterId: string): Promise<{ name: string; conn: KubeConnection; allowedNamespaces?: string[] | null }>;
  timeoutMs: number;
  now?: () => Date;
}

const bindingOf = (n: ClusterNode) => n.settings.registeredClusterId;

/** What a deploy to one registered cluster applies: every node of `design` bound to it, rendered together. */
function renderFor(designId: string, design: Design, clusterId: string): KubeObject[] {
  return new DesignGraph(design)
    .clusters()
    .filter((n) => bindingOf(n) === clusterId)
    .flatMap((n) => render(design, n.name, { designId, secrets: "clear" }));
}

/** Same objects with the same content, in any order (what the diff compares, so status fields never count). */
function sameObjects(a: readonly KubeObject[], b: readonly KubeObject[]): boolean {
  const digest = (list: readonly KubeObject[]) =>
    list
      .map(
        (o) =>
          `${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}=${liveVersion(o).fingerprint}`,
      )
      .sort()
      .join("\n");
  return a.length === b.length && digest(a) === digest(b);
}

/** Values longer than this (a rules file, a dashboard) are cut: every viewer of the design is sent the report. */
export const MAX_VALUE_CHARS = 2048;

function bounded(v: unknown): unknown {
  if (v === undefined || v === null || typeof v === "number" || typeof v === "boolean") return v;
  const text = typeof v === "string" ? v : JSON.stringify(v);
  if (text.length <= MAX_VALUE_CHARS) return v;
  return `${text.slice(0, MAX_VALUE_CHARS)}… (${text.length} characters)`;
}

/** The plan's answer as differences: updates field by field, creates as missing, prunes as extra. */
export function differencesOf(p: Pick<Plan, "items" | "prune">): SyncDifference[] {
  const out: SyncDifference[] = [];
  for (const item of p.items) {
    const object = objectName(item.key);
    if (item.action === "create") out.push({ object, change: "missing" });
    else if (item.action === "update")
      for (const c of item.diff)
        out.push({
          object,
          change: "changed",
          field: c.path,
          ...(c.op !== "add" ? { live: bounded(c.from) } : {}),
          ...(c.op !== "remove" ? { desired: bounded(c.to) } : {}),
        });
  }
  for (const o of p.prune) out.push({ object: objectName(o.key), change: "extra" });
  return out;
}

interface ClusterOutcome {
  status: SyncStatus;
  cause: SyncCause;
  reason: string;
  deployedRevision: number | null;
  differences: SyncDifference[];
  checkedAt: string | null;
}

function unknownOutcome(
  cause: SyncCause,
  reason: string,
  deployedRevision: number | null,
  checkedAt: string | null = null,
): ClusterOutcome {
  return { status: "Unknown", cause, reason, deployedRevision, differences: [], checkedAt };
}

const countOf = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;

function summarize(diffs: readonly SyncDifference[]): string {
  const by = (c: SyncDifference["change"]) => diffs.filter((d) => d.change === c);
  const changed = new Set(by("changed").map((d) => d.object)).size;
  return [
    changed ? `${countOf(changed, "object")} changed by someone else` : "",
    by("missing").length ? `${countOf(by("missing").length, "object")} missing` : "",
    by("extra").length ? `${countOf(by("extra").length, "extra object")} to prune` : "",
  ]
    .filter(Boolean)
    .join(", ");
}

/** Live against the deployed revision, and the deployed revision against the latest, for one registered cluster. */
async function syncOfCluster(input: SyncInput, clusterId: string, deployed: DeployedRevision): Promise<ClusterOutcome> {
  const base = { deployedRevision: deployed.revision, differences: [] as SyncDifference[] };
  const unknown = (cause: SyncCause, reason: string, checkedAt: string | null = null) =>
    unknownOutcome(cause, reason, deployed.revision, checkedAt);
  let desired: KubeObject[];
  let latest: KubeObject[];
  try {
    desired = renderFor(input.designId, await input.loadRevision(deployed.revision), clusterId);
    latest = renderFor(input.designId, input.latest.design, clusterId);
  } catch (err) {
    return unknown("unreadable", `cannot render revision ${deployed.revision} to compare: ${(err as Error).message}`);
  }
  if (desired.length === 0)
    return unknown(
      "unreadable",
      `deployed revision ${deployed.revision} binds no cluster node to this registered cluster`,
    );
  let opened: Awaited<ReturnType<SyncInput["connect"]>>;
  try {
    opened = await input.connect(clusterId);
  } catch (err) {
    return unknown("cluster-missing", (err as Error).message);
  }
  // The admin may have narrowed the namespaces since the deploy: sync dry-runs nothing outside them.
  const outside = disallowedNamespaces(
    opened.allowedNamespaces ?? null,
    desired.flatMap((o) => (o.metadata.namespace ? [o.metadata.namespace] : [])),
  );
  if (outside.length) {
    opened.conn.close();
    return unknown(
      "namespace-not-allowed",
      `namespace${outside.length === 1 ? "" : "s"} ${outside.join(", ")} not allowed on registered cluster "${opened.name}"`,
    );
  }
  let answer: Plan;
  try {
    answer = await plan(opened.conn, desired, {
      ownerLabel: { key: OWNER_LABEL, value: input.designId },
      timeoutMs: input.timeoutMs,
      retry: { attempts: 2, baseDelayMs: 200 },
    });
  } catch (err) {
    return unknown("unreachable", `cannot read cluster "${opened.name}": ${errorMessage(err)}`);
  } finally {
    opened.conn.close();
  }
  const checkedAt = (input.now?.() ?? new Date()).toISOString();
  const differences = differencesOf(answer);
  if (answer.errors.length) {
    const first = answer.errors[0]!.message;
    // Not one object could be read: the cluster did not answer, rather than some objects being off limits.
    const cause: SyncCause = answer.items.length === 0 ? "unreachable" : "unreadable";
    const more = answer.errors.length > 1 ? ` (and ${answer.errors.length - 1} more)` : "";
    return {
      ...unknown(cause, `cannot compare with cluster "${opened.name}": ${first}${more}`, checkedAt),
      differences,
    };
  }
  const latestDeployed = sameObjects(desired, latest);
  const notLatest =
    input.latest.revision === deployed.revision
      ? ""
      : latestDeployed
        ? ` (latest revision ${input.latest.revision} renders the same objects)`
        : `; latest revision ${input.latest.revision} is not deployed`;
  if (differences.length)
    return {
      ...base,
      differences,
      checkedAt,
      status: "OutOfSync",
      cause: "live-differs",
      reason: `live differs from deployed revision ${deployed.revision}: ${summarize(differences)}${notLatest}`,
    };
  if (!latestDeployed)
    return {
      ...base,
      checkedAt,
      status: "OutOfSync",
      cause: "latest-not-deployed",
      reason: `latest revision ${input.latest.revision} is not deployed; live is revision ${deployed.revision}`,
    };
  return {
    ...base,
    checkedAt,
    status: "Synced",
    cause: "in-sync",
    reason: `live is revision ${deployed.revision}${notLatest}`,
  };
}

/**
 * Nodes bound to the same registered cluster deploy together (one prune set), so they are compared
 * together; each node lists the differences in its own namespace and those outside every node's.
 */
function forNode(
  node: ClusterNode,
  siblings: readonly ClusterNode[],
  all: readonly SyncDifference[],
): SyncDifference[] {
  if (siblings.length === 1) return [...all];
  const own = node.settings.namespace;
  const spaces = new Set(siblings.map((n) => n.settings.namespace));
  return all.filter((d) => {
    const parts = d.object.split("/");
    // A Namespace belongs to the node whose namespace it is; other cluster-scoped objects to every node.
    const ns = parts.length === 3 ? parts[1] : parts[0] === "Namespace" ? parts[1] : undefined;
    return ns === own || ns === undefined || !spaces.has(ns);
  });
}

export async function computeSync(input: SyncInput): Promise<SyncReport> {
  const nodes = new DesignGraph(input.latest.design).clusters();
  const outcomes = new Map<string, Promise<ClusterOutcome>>();
  const loaded = new Map<number, Promise<Design>>();
  const memo: SyncInput = {
    ...input,
    loadRevision: (r) => {
      if (!loaded.has(r)) loaded.set(r, input.loadRevision(r));
      return loaded.get(r)!;
    },
  };
  const clusters = await Promise.all(
    nodes.map(async (node): Promise<ClusterSync> => {
      const common = { cluster: node.name, latestRevision: input.latest.revision };
      const clusterId = bindingOf(node);
      if (!clusterId)
        return {
          ...common,
          ...unknownOutcome("unbound", `cluster "${node.name}" is not bound to a registered cluster`, null),
        };
      const deployed = input.deployed.get(clusterId);
      if (!deployed)
        return {
          ...common,
          ...unknownOutcome("never-deployed", `cluster "${node.name}" has never been deployed from this design`, null),
        };
      if (!outcomes.has(clusterId)) outcomes.set(clusterId, syncOfCluster(memo, clusterId, deployed));
      const outcome = await outcomes.get(clusterId)!;
      const siblings = nodes.filter((n) => bindingOf(n) === clusterId);
      return { ...common, ...outcome, differences: forNode(node, siblings, outcome.differences) };
    }),
  );
  return {
    designId: input.designId,
    latestRevision: input.latest.revision,
    clusters,
    checkedAt: (input.now?.() ?? new Date()).toISOString(),
  };
}
