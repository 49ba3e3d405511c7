// Plan = the reconcile result: desired vs live for every rendered object (create / update / unchanged,
// from a server-side apply with dryRun=All diffed against the live object) plus the prune set (live
// objects with the design's owner label that are no longer rendered). Each carries the live version it
// was computed against, so a deploy can apply exactly this result and refuse when the cluster moved.
import { type ResourceKey, identityOf, keyOf } from "../../lib/deploy/resource-key";
import { type KubeConnection, canI, describePermission } from "./connection";
import { type FieldChange, diffObjects } from "./diff";
import { type LiveVersion, type PlannedDeploy, liveVersion } from "./drift";
import { KubeApiError, errorMessage } from "./errors";
import { type KindInfo, type KubeObject, OWNED_KINDS, kindInfo, objectRef } from "./kinds";
import { FIELD_MANAGER, applyObject, getObject, listObjects } from "./objects";
import { applySteps } from "./order";
import { type RetryOptions, mapLimit, withRetry } from "./retry";

export interface OwnerLabel {
  key: string;
  value: string;
}

export interface ObjectId {
  key: ResourceKey;
  /** formatKey(key): "apps/v1/StatefulSet ns/name" */
  object: string;
}

export interface PlanItem extends ObjectId {
  action: "create" | "update" | "unchanged";
  /** Field-level changes for "update"; empty otherwise. */
  diff: FieldChange[];
  /** The object to apply, owner label included. */
  desired: KubeObject;
  /** The live object's version when planned; null when it did not exist. */
  live: LiveVersion | null;
}

export interface PruneItem extends ObjectId {
  live: LiveVersion;
}

export interface MissingPermission {
  verb: string;
  group: string;
  resource: string;
  namespace: string;
}

export interface PlanError {
  object?: string;
  message: string;
  permission?: MissingPermission;
}

export interface KeptObject extends ObjectId {
  reason: string;
}

export interface Plan {
  items: PlanItem[];
  prune: PruneItem[];
  /** Owned and no longer rendered, but deliberately not pruned (a namespace that holds objects the design does not own). */
  kept: KeptObject[];
  errors: PlanError[];
}

export interface PlanOptions {
  ownerLabel: OwnerLabel;
  fieldManager?: string;
  concurrency?: number;
  timeoutMs?: number;
  retry?: RetryOptions;
  /** Namespaces to look for prunable objects in, besides those of the rendered objects. */
  pruneNamespaces?: string[];
  signal?: AbortSignal;
}

export function idOf(o: Pick<KubeObject, "apiVersion" | "kind" | "metadata">): ObjectId {
  return { key: keyOf(o), object: objectRef(o) };
}

/** Copies of the objects carrying the owner label, so prune can find them later. */
export function withOwnerLabel(objects: readonly KubeObject[], owner: OwnerLabel): KubeObject[] {
  return objects.map((o) => ({
    ...structuredClone(o),
    metadata: { ...structuredClone(o.metadata), labels: { ...(o.metadata.labels ?? {}), [owner.key]: owner.value } },
  }));
}

/** Problems that make a bundle undeployable, found before any call. */
export function bundleErrors(objects: readonly KubeObject[]): PlanError[] {
  // An empty render would prune everything the design owns: refuse rather than guess it was meant.
  if (objects.length === 0)
    return [
      { message: "the bundle is empty: nothing to deploy (an empty render would prune everything the design owns)" },
    ];
  const errors: PlanError[] = [];
  const seen = new Set<string>();
  for (const o of objects) {
    if (!o?.apiVersion || !o.kind || !o.metadata?.name) {
      errors.push({ message: "an object lacks apiVersion, kind or metadata.name" });
      continue;
    }
    const ref = objectRef(o);
    if (kindInfo(o).namespaced && !o.metadata.namespace)
      errors.push({ object: ref, message: `${ref} is namespaced but has no metadata.namespace` });
    if (seen.has(ref)) errors.push({ object: ref, message: `${ref} appears twice in the bundle` });
    seen.add(ref);
  }
  return errors;
}

/** Same identity regardless of API version (apps/v1 vs apps/v1beta2 name the same object). */
const identity = (o: Pick<KubeObject, "apiVersion" | "kind" | "metadata">) => identityOf(keyOf(o));

/** A 403 as the permission it lacks, for messages users can hand to their cluster admin. */
export function permissionError(
  e: unknown,
  verb: string,
  info: KindInfo,
  namespace: string | undefined,
  object?: string,
): PlanError | undefined {
  if (!(e instanceof KubeApiError) || e.status !== 403) return undefined;
  const permission = {
    verb,
    group: info.group,
    resource: info.resource,
    namespace: info.namespaced ? (namespace ?? "") : "",
  };
  return { object, permission, message: `missing permission: ${describePermission(permission)}` };
}

/**
 * Only what this engine applied may be pruned: the label alone is not enough, because controllers
 * copy labels (PVCs from volumeClaimTemplates, Endpoints from Services, Pods from templates).
 */
function weApplied(o: KubeObject, manager: string): boolean {
  const refs = (o.metadata.ownerReferences as { controller?: boolean }[] | undefined) ?? [];
  if (refs.some((r) => r.controller)) return false;
  const fields = (o.metadata.managedFields as { manager?: string; operation?: string }[] | undefined) ?? [];
  return fields.some((f) => f.manager === manager && f.operation === "Apply");
}

/** What Kubernetes itself puts in every namespace; it never makes a namespace "someone else's". */
function clusterProvided(o: KubeObject): boolean {
  return (
    (o.kind === "ConfigMap" && o.metadata.name === "kube-root-ca.crt") ||
    (o.kind === "ServiceAccount" && o.metadata.name === "default") ||
    (o.kind === "Secret" && (o as { type?: string }).type === "kubernetes.io/service-account-token")
  );
}

/** Live objects carrying the owner label that are not in `objects`, in prune order. */
export async function findPrunable(
  conn: KubeConnection,
  objects: readonly KubeObject[],
  opts: PlanOptions,
): Promise<{ prune: KubeObject[]; kept: KeptObject[]; errors: PlanError[] }> {
  const selector = `${opts.ownerLabel.key}=${opts.ownerLabel.value}`;
  const call = { timeoutMs: opts.timeoutMs, signal: opts.signal };
  const retry = <T>(fn: () => Promise<T>) => withRetry(fn, { ...opts.retry, signal: opts.signal });
  const errors: PlanError[] = [];
  const live: KubeObject[] = [];
  const listing = async (info: KindInfo, ns?: string) => {
    try {
      live.push(...(await retry(() => listObjects(conn, info, ns, selector, call))));
    } catch (e) {
      errors.push(
        permissionError(e, "list", info, ns) ?? {
          message: `listing ${info.resource}${ns ? ` in ${ns}` : ""}: ${errorMessage(e)}`,
        },
      );
    }
  };
  // Cluster-scoped kinds first: owned Namespaces tell which namespaces to look into.
  await mapLimit(
    OWNED_KINDS.filter((k) => !k.namespaced),
    opts.concurrency ?? 8,
    (info) => listing(info),
  );
  const namespaces = new Set<string>([
    ...objects.map((o) => o.metadata.namespace).filter((n): n is string => !!n),
    ...(opts.pruneNamespaces ?? []),
    ...live.filter((o) => o.kind === "Namespace").map((o) => o.metadata.name),
  ]);
  const jobs = OWNED_KINDS.filter((k) => k.namespaced).flatMap((info) => [...namespaces].map((ns) => ({ info, ns })));
  await mapLimit(jobs, opts.concurrency ?? 8, (j) => listing(j.info, j.ns));
  const rendered = new Set(objects.map(identity));
  const manager = opts.fieldManager ?? FIELD_MANAGER;
  let prune = live.filter(
    (o) =>
      !rendered.has(identity(o)) &&
      o.metadata.labels?.[opts.ownerLabel.key] === opts.ownerLabel.value &&
      weApplied(o, manager),
  );

  // Deleting a namespace deletes everything in it: only when all it holds is being pruned too.
  const pruned = new Set(prune.map(identity));
  const kept: KeptObject[] = [];
  for (const ns of prune.filter((o) => o.kind === "Namespace")) {
    const foreign: string[] = [];
    // Endpoints follow their Services; they never keep a namespace alive on their own.
    await mapLimit(
      OWNED_KINDS.filter((k) => k.namespaced && k.kind !== "Endpoints"),
      opts.concurrency ?? 8,
      async (info) => {
        try {
          const all = await retry(() => listObjects(conn, info, ns.metadata.name, "", call));
          foreign.push(
            ...all
              .filter(
                (o) =>
                  !pruned.has(identity(o)) &&
                  !rendered.has(identity(o)) &&
                  !(o.metadata.ownerReferences as unknown[] | undefined)?.length &&
                  !clusterProvided(o),
              )
              .map(objectRef),
          );
        } catch (e) {
          foreign.push(`(could not list ${info.resource}: ${errorMessage(e)})`);
        }
      },
    );
    if (foreign.length) {
      kept.push({
        ...idOf(ns),
        reason: `namespace holds objects this design does not own: ${foreign.sort().slice(0, 5).join(", ")}${foreign.length > 5 ? ", …" : ""}`,
      });
      prune = prune.filter((o) => o !== ns);
    }
  }
  return { prune: applySteps(prune).reverse().flat(), kept, errors };
}

/** A prune the credentials may not carry out is a plan error, not a surprise during the deploy. */
async function prunePermissionErrors(
  conn: KubeConnection,
  prune: readonly KubeObject[],
  opts: PlanOptions,
): Promise<PlanError[]> {
  const scopes = new Map<string, { info: KindInfo; namespace: string }>();
  for (const o of prune) {
    const info = kindInfo(o);
    const namespace = info.namespaced ? (o.metadata.namespace ?? "") : "";
    scopes.set(`${info.group}/${info.resource}/${namespace}`, { info, namespace });
  }
  const answers = await mapLimit([...scopes.values()], opts.concurrency ?? 8, async ({ info, namespace }) => {
    try {
      return (await canI(conn, "delete", info, namespace, opts.signal)) ? undefined : { info, namespace };
    } catch {
      return undefined; // cannot ask: the delete itself will tell
    }
  });
  return answers
    .filter((a): a is { info: KindInfo; namespace: string } => !!a)
    .map(({ info, namespace }) => {
      const permission = { verb: "delete", group: info.group, resource: info.resource, namespace };
      return { permission, message: `missing permission: ${describePermission(permission)} (needed to prune)` };
    });
}

/** What a deploy of this reconcile result applies and prunes, with the live versions it was computed against. */
export function plannedOf(p: Pick<Plan, "items" | "prune">): PlannedDeploy {
  return {
    apply: p.items.map((i) => ({ object: i.desired, live: i.live })),
    prune: p.prune.map((i) => ({ key: i.key, live: i.live })),
  };
}

/** Computes the reconcile result; changes nothing. */
export async function plan(conn: KubeConnection, objects: readonly KubeObject[], opts: PlanOptions): Promise<Plan> {
  const errors = bundleErrors(objects);
  if (errors.length) return { items: [], prune: [], kept: [], errors };
  const labeled = withOwnerLabel(objects, opts.ownerLabel);
  const call = { timeoutMs: opts.timeoutMs, signal: opts.signal };
  const retry = <T>(fn: () => Promise<T>) => withRetry(fn, { ...opts.retry, signal: opts.signal });
  const newNamespaces = new Set(labeled.filter((o) => o.kind === "Namespace").map((o) => o.metadata.name));
  const ordered = applySteps(labeled).flat();

  const results = await mapLimit(ordered, opts.concurrency ?? 8, async (o): Promise<PlanItem | PlanError> => {
    const info = kindInfo(o);
    const ref = objectRef(o);
    // The live object and the dry-run answer are independent: ask for both at once.
    const [got, dry] = await Promise.allSettled([
      retry(() => getObject(conn, o, call)),
      retry(() =>
        applyObject(conn, o, { ...call, dryRun: true, fieldManager: opts.fieldManager ?? FIELD_MANAGER, force: true }),
      ),
    ]);
    if (got.status === "rejected")
      return (
        permissionError(got.reason, "get", info, o.metadata.namespace, ref) ?? {
          object: ref,
          message: `${ref}: ${errorMessage(got.reason)}`,
        }
      );
    const live = got.value;
    if (dry.status === "fulfilled") {
      if (!live) return { ...idOf(o), action: "create", diff: [], desired: o, live: null };
      const diff = diffObjects(live, dry.value.object);
      return { ...idOf(o), action: diff.length ? "update" : "unchanged", diff, desired: o, live: liveVersion(live) };
    }
    const e = dry.reason;
    // A namespace this same deploy creates cannot take a dry-run yet; the apply order creates it first.
    const ns = o.metadata.namespace;
    if (
      !live &&
      e instanceof KubeApiError &&
      e.status === 404 &&
      ns &&
      newNamespaces.has(ns) &&
      e.message.includes(`namespaces "${ns}" not found`)
    )
      return { ...idOf(o), action: "create", diff: [], desired: o, live: null };
    return permissionError(e, "patch", info, ns, ref) ?? { object: ref, message: `${ref}: ${errorMessage(e)}` };
  });
  const items = results.filter((r): r is PlanItem => "action" in r);
  errors.push(...results.filter((r): r is PlanError => !("action" in r)));
  const pr = await findPrunable(conn, labeled, opts);
  errors.push(...pr.errors);
  errors.push(...(await prunePermissionErrors(conn, pr.prune, opts)));
  return { items, prune: pr.prune.map((o) => ({ ...idOf(o), live: liveVersion(o) })), kept: pr.kept, errors };
}
