// A minimal workload controller: StatefulSets and Deployments get Pods, Pods turn Running/Ready
// after a configurable delay, and workload status follows, so rollout can be watched like on a
// real cluster (observedGeneration, readyReplicas, updatedReplicas, revisions).
import { createHash } from "node:crypto";
import { type Obj, isPlainObject } from "./fields";
import { type ResourceType, RESOURCES } from "./resources";
import { type Store, type StoreEvent, meta } from "./store";

const POD = RESOURCES.find((r) => r.kind === "Pod")!;
const STS = RESOURCES.find((r) => r.kind === "StatefulSet")!;
const DEPLOY = RESOURCES.find((r) => r.kind === "Deployment")!;
const NAMESPACE = RESOURCES.find((r) => r.kind === "Namespace")!;
const CONFIGMAP = RESOURCES.find((r) => r.kind === "ConfigMap")!;
const SERVICE_ACCOUNT = RESOURCES.find((r) => r.kind === "ServiceAccount")!;

export interface ControllerOptions {
  /** Time from Pod creation to Running/Ready. Infinity = never ready (rollout timeout tests). */
  readyDelayMs: number;
  /** CA certificate published in every namespace as ConfigMap kube-root-ca.crt. */
  caPem?: string;
}

function templateHash(workload: Obj): string {
  const template = (workload.spec as Obj | undefined)?.template ?? {};
  return createHash("sha256").update(JSON.stringify(template)).digest("hex").slice(0, 10);
}

function podIsReady(p: Obj): boolean {
  const conds = ((p.status as Obj | undefined)?.conditions as { type: string; status: string }[] | undefined) ?? [];
  return conds.some((c) => c.type === "Ready" && c.status === "True");
}

const now = () => new Date().toISOString().replace(/\.\d+Z$/, "Z");

export class Controller {
  private timers = new Set<NodeJS.Timeout>();
  private pending = new Map<string, { rt: ResourceType; ns: string; name: string }>();
  private scheduled = false;
  private podIp = 10;
  private readonly onChange = (e: StoreEvent) => this.observe(e);

  constructor(
    private readonly store: Store,
    readonly options: ControllerOptions,
  ) {
    store.events.on("change", this.onChange);
  }

  stop(): void {
    this.store.events.off("change", this.onChange);
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private observe(e: StoreEvent): void {
    const m = meta(e.object);
    // Like kube-controller-manager: every new namespace gets a default ServiceAccount and the root CA.
    if (e.rt === NAMESPACE && e.type === "ADDED") {
      const managed = (fields: Obj) => [
        {
          manager: "kube-controller-manager",
          operation: "Update",
          apiVersion: "v1",
          time: now(),
          fieldsType: "FieldsV1",
          fieldsV1: fields,
        },
      ];
      this.store.create(SERVICE_ACCOUNT, { metadata: { name: "default", namespace: m.name } });
      this.store.create(CONFIGMAP, {
        metadata: {
          name: "kube-root-ca.crt",
          namespace: m.name,
          annotations: {
            "kubernetes.io/description":
              "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.",
          },
          managedFields: managed({ "f:data": { "f:ca.crt": {} } }),
        },
        data: { "ca.crt": this.options.caPem ?? "" },
      });
      return;
    }
    if (e.rt === STS || e.rt === DEPLOY) {
      if (e.type !== "DELETED") this.enqueue(e.rt, m.namespace!, m.name);
    } else if (e.rt === POD) {
      const owner = m.ownerReferences?.find((r) => r.controller);
      if (owner?.kind === "StatefulSet") this.enqueue(STS, m.namespace!, owner.name);
      if (owner?.kind === "Deployment") this.enqueue(DEPLOY, m.namespace!, owner.name);
    }
  }

  // Coalesce bursts of events into one reconcile per workload, after the current write finishes.
  private enqueue(rt: ResourceType, ns: string, name: string): void {
    this.pending.set(`${rt.kind}/${ns}/${name}`, { rt, ns, name });
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const work = [...this.pending.values()];
      this.pending.clear();
      for (const w of work) this.reconcile(w.rt, w.ns, w.name);
    });
  }

  private reconcile(rt: ResourceType, ns: string, name: string): void {
    const w = this.store.get(rt, ns, name);
    if (!w) return;
    const spec = (w.spec as Obj | undefined) ?? {};
    const replicas = typeof spec.replicas === "number" ? spec.replicas : 1;
    const hash = templateHash(w);
    const isSts = rt === STS;
    const revision = `${name}-${hash}`;
    const revLabel = isSts ? "controller-revision-hash" : "pod-template-hash";
    const wuid = meta(w).uid;
    const owned = (p: Obj) => !!meta(p).ownerReferences?.some((r) => r.uid === wuid);
    let pods = this.store.list(POD, ns, owned);

    // Outdated pods go first (a simplified rolling update: replace, then wait for readiness).
    for (const p of pods) {
      const outdated = meta(p).labels?.[revLabel] !== (isSts ? revision : hash);
      const ordinal = isSts ? Number(meta(p).name.slice(name.length + 1)) : -1;
      if (outdated || (isSts && ordinal >= replicas)) this.store.delete(POD, ns, meta(p).name);
    }
    pods = this.store.list(POD, ns, owned);
    if (isSts) {
      for (let i = 0; i < replicas; i++) {
        const podName = `${name}-${i}`;
        if (!pods.some((p) => meta(p).name === podName))
          this.createPod(w, podName, { [revLabel]: revision, "statefulset.kubernetes.io/pod-name": podName });
      }
    } else {
      for (let i = pods.length; i < replicas; i++) {
        const suffix = createHash("sha1")
          .update(`${wuid}/${Date.now()}/${i}/${Math.random()}`)
          .digest("hex")
          .slice(0, 5);
        this.createPod(w, `${name}-${hash}-${suffix}`, { [revLabel]: hash });
      }
      for (const p of pods.slice(replicas)) this.store.delete(POD, ns, meta(p).name);
    }

    pods = this.store.list(POD, ns, owned);
    const ready = pods.filter(podIsReady).length;
    const updated = pods.filter((p) => meta(p).labels?.[revLabel] === (isSts ? revision : hash)).length;
    const prevStatus = (w.status as Obj | undefined) ?? {};
    const status: Obj = {
      observedGeneration: meta(w).generation,
      replicas: pods.length,
      readyReplicas: ready,
      updatedReplicas: updated,
      availableReplicas: ready,
    };
    if (isSts) {
      status.currentReplicas = updated;
      status.updateRevision = revision;
      status.currentRevision =
        updated === replicas && ready === replicas ? revision : (prevStatus.currentRevision ?? revision);
      status.collisionCount = 0;
    } else {
      const complete = updated === replicas && ready === replicas;
      status.unavailableReplicas = Math.max(0, replicas - ready);
      status.conditions = [
        {
          type: "Available",
          status: ready >= replicas ? "True" : "False",
          reason: ready >= replicas ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
          lastUpdateTime: now(),
          lastTransitionTime: now(),
        },
        {
          type: "Progressing",
          status: "True",
          reason: complete ? "NewReplicaSetAvailable" : "ReplicaSetUpdated",
          lastUpdateTime: now(),
          lastTransitionTime: now(),
        },
      ];
      // Keep timestamps stable when nothing else changed, so status writes do not churn.
      if (
        isPlainObject(prevStatus) &&
        JSON.stringify({ ...prevStatus, conditions: [] }) === JSON.stringify({ ...status, conditions: [] })
      ) {
        status.conditions = prevStatus.conditions;
      }
    }
    const latest = this.store.get(rt, ns, name);
    if (!latest || meta(latest).uid !== wuid) return;
    this.store.update(rt, { ...latest, status });
  }

  private createPod(w: Obj, podName: string, extraLabels: Record<string, string>): void {
    const m = meta(w);
    const template = ((w.spec as Obj | undefined)?.template as Obj | undefined) ?? {};
    const tmeta = (template.metadata as Obj | undefined) ?? {};
    const pod: Obj = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: podName,
        namespace: m.namespace,
        labels: { ...((tmeta.labels as Record<string, string>) ?? {}), ...extraLabels },
        ...(tmeta.annotations ? { annotations: tmeta.annotations } : {}),
        ownerReferences: [
          {
            apiVersion: w.apiVersion,
            kind: w.kind,
            name: m.name,
            uid: m.uid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: { ...((template.spec as Obj | undefined) ?? {}), nodeName: "sandbox-node" },
      status: {
        phase: "Pending",
        conditions: [{ type: "PodScheduled", status: "True", lastTransitionTime: now() }],
        qosClass: "BestEffort",
      },
    };
    const created = this.store.create(POD, pod);
    const uid = meta(created).uid;
    if (!Number.isFinite(this.options.readyDelayMs)) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      const p = this.store.get(POD, m.namespace, podName);
      if (!p || meta(p).uid !== uid) return;
      const containers = (((p.spec as Obj).containers as { name: string; image?: string }[]) ?? []).map((c) => ({
        name: c.name,
        image: c.image ?? "",
        ready: true,
        started: true,
        restartCount: 0,
        state: { running: { startedAt: now() } },
      }));
      this.podIp = (this.podIp % 250) + 1;
      p.status = {
        phase: "Running",
        podIP: `10.244.0.${this.podIp}`,
        hostIP: "10.0.0.1",
        startTime: now(),
        qosClass: "BestEffort",
        containerStatuses: containers,
        conditions: ["PodScheduled", "Initialized", "ContainersReady", "Ready"].map((type) => ({
          type,
          status: "True",
          lastTransitionTime: now(),
        })),
      };
      this.store.update(POD, p);
    }, this.options.readyDelayMs);
    this.timers.add(t);
  }
}
