/**
 * Everything a design's live status reads, stood up on loopback for tests, the Playwright spec and the
 * benchmark: one real Prometheus process (Debian's) answering every Prometheus `web` probe, the Thanos
 * fixture with one endpoint per Thanos component and Query's `/api/v1/stores` listing one StoreAPI
 * endpoint per designed pod (with the labels the design expects), and the s3rver bucket fixture.
 * `backends` maps `namespace/service:port` to a URL: register them with the Kubernetes API test server
 * (`registerWith`) or use `directServiceProxy(backends)`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { validateDesign, type Design } from "@/lib/topology";
import { getTemplate } from "@/lib/topology/templates";
import { statusTargets, type StatusTargets } from "@/server/status/targets";
import { render } from "@/server/render";
import { startBucketFixture, type BucketFixture } from "./bucket-fixture";
import { freePort } from "./fixtures/free-port";
import { startKubeApi, type KubeApiServer } from "./kube-api";
import { findByKind } from "./kube-api/resources";
import { call } from "./kube-api/test-client";
import { serviceKey } from "./thanos-fixture/direct-proxy";
import { startThanosFixture, type ComponentKind, type StoreType, type ThanosFixture } from "./thanos-fixture";

export interface StatusStack {
  design: Design;
  targets: StatusTargets;
  thanos: ThanosFixture;
  bucket: BucketFixture;
  prometheusUrl: string;
  /** `namespace/service:port` → base URL. */
  backends: Map<string, string>;
  /** Query's StoreAPI endpoint names per design component id (what `setStore` takes). */
  storeNames: Map<string, string[]>;
  /** Thanos fixture component name serving each component's HTTP port. */
  fixtureNames: Map<string, string>;
  registerWith(kube: {
    registerServiceBackend(ns: string, svc: string, port: string | number, url: string): void;
  }): void;
  stop(): Promise<void>;
}

const FIXTURE_KIND: Record<string, ComponentKind> = {
  prometheus: "sidecar",
  storeGateway: "store",
  compactor: "compact",
  ruler: "rule",
  receiver: "receive",
};

/** A real Prometheus on a free loopback port; resolves once `/-/ready` answers 200. */
export async function startPrometheus(): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "status-prom-"));
  fs.writeFileSync(path.join(dir, "prometheus.yml"), "global:\n  scrape_interval: 15s\n");
  const port = await freePort();
  const child: ChildProcess = spawn(
    "/usr/bin/prometheus",
    [
      `--config.file=${path.join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${path.join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: "ignore" },
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 150; i++) {
    const ok = await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error("prometheus did not become ready in 15 s");
}

/** `designFor` receives the started bucket so the design can point its object store at it. */
export async function startStatusStack(
  designFor: (bucket: BucketFixture) => Design,
  designId: string,
  options: { now?: Date } = {},
): Promise<StatusStack> {
  const [prometheus, thanos, bucket] = await Promise.all([
    startPrometheus(),
    startThanosFixture(),
    startBucketFixture({ now: options.now }),
  ]);
  const design = designFor(bucket);
  const targets = statusTargets(design, designId);
  const backends = new Map<string, string>();
  const fixtureNames = new Map<string, string>();
  const storeNames = new Map<string, string[]>();
  const kindOf = new Map(design.components.map((c) => [c.id, c.kind]));
  const nameOf = new Map(design.components.map((c) => [c.id, c.name]));
  let queryTaken = false;

  const fixtureFor = async (componentId: string) => {
    const existing = fixtureNames.get(componentId);
    if (existing) return thanos.endpoint(existing);
    const kind = kindOf.get(componentId)!;
    if (kind === "query" && !queryTaken) {
      queryTaken = true;
      fixtureNames.set(componentId, "query");
      return thanos.query;
    }
    const name = nameOf.get(componentId)!;
    const endpoint = await thanos.addComponent(name, FIXTURE_KIND[kind] ?? "store", { bucket: bucket.bucket });
    fixtureNames.set(componentId, name);
    return endpoint;
  };

  for (const cluster of targets.clusters) {
    for (const probe of cluster.probes) {
      const url = probe.role === "prometheus" ? prometheus.url : (await fixtureFor(probe.componentId)).url;
      backends.set(serviceKey(probe.namespace, probe.service, probe.port), url);
    }
    for (const u of cluster.uploaders) {
      const url = (await fixtureFor(u.componentId)).url;
      backends.set(serviceKey(u.namespace, u.service, u.port), url);
      thanos.setUploads(fixtureNames.get(u.componentId)!, {
        uploads: 12,
        failures: 0,
        lastSuccess: new Date(Date.now() - 20 * 60_000),
      });
    }
    // Query lists one endpoint per designed pod, as DNS SRV discovery resolves them.
    let ip = 1;
    for (const q of cluster.queries) {
      for (const want of q.expected) {
        const name = want.name ?? `10.0.${Math.floor(ip / 250)}.${(ip % 250) + 1}:10901`;
        ip++;
        const labelSets = want.externalLabels
          ? [want.externalLabels]
          : want.type === "store"
            ? bucket.blocks.length
              ? uniqueLabelSets(bucket.blocks.map((b) => b.labels))
              : []
            : [];
        thanos.setStore(name, { type: want.type as StoreType, up: true, labelSets });
        storeNames.set(want.componentId, [...(storeNames.get(want.componentId) ?? []), name]);
      }
    }
  }

  return {
    design,
    targets,
    thanos,
    bucket,
    prometheusUrl: prometheus.url,
    backends,
    storeNames,
    fixtureNames,
    registerWith(kube) {
      for (const [key, url] of backends) {
        const m = /^([^/]+)\/([^:]+):(.+)$/.exec(key)!;
        kube.registerServiceBackend(m[1], m[2], m[3], url);
      }
    },
    async stop() {
      await Promise.all([prometheus.stop(), thanos.stop(), bucket.stop()]);
    },
  };
}

function uniqueLabelSets(sets: Array<Record<string, string>>): Array<Record<string, string>> {
  const seen = new Map(sets.map((s) => [JSON.stringify(Object.entries(s).sort()), s]));
  return [...seen.values()];
}

/**
 * The hashmod-shards template shaped like the bucket fixture's data: Prometheus `prometheus-k8s`, 2 shards
 * × 2 replicas, external labels `cluster=eu1, prometheus=monitoring/k8s`, its bucket at `bucketEndpoint`.
 */
export function fixtureShapedDesign(
  base: Design,
  opts: { bucketEndpoint: string; registeredClusterId?: string; accessKey?: string; secretKey?: string },
): Design {
  const url = new URL(opts.bucketEndpoint);
  // A tidy grid (4 columns of 240 px) so screenshots read well; the templates' own cells are tighter.
  const inside = base.components.filter((c) => c.cluster);
  const cell = (c: { id: string }) => {
    const i = inside.findIndex((x) => x.id === c.id);
    return { x: 24 + (i % 4) * 240, y: 64 + Math.floor(i / 4) * 110 };
  };
  const rows = Math.ceil(inside.length / 4);
  return {
    ...base,
    components: base.components.map((c) => {
      if (c.cluster) c = { ...c, position: cell(c) };
      switch (c.kind) {
        case "cluster":
          return {
            ...c,
            settings: {
              ...c.settings,
              width: 4 * 240 + 24,
              height: 64 + rows * 110,
              externalLabels: { cluster: "eu1" },
              registeredClusterId: opts.registeredClusterId ?? c.settings.registeredClusterId,
            },
          };
        case "prometheus":
          return {
            ...c,
            name: "prometheus-k8s",
            settings: {
              ...c.settings,
              shards: 2,
              replicas: 2,
              externalLabels: { prometheus: "monitoring/k8s" },
              hashmod: { ...c.settings.hashmod, modulus: undefined },
            },
          };
        case "objectStore":
          return {
            ...c,
            position: {
              x: (base.components.find((x) => x.kind === "cluster")?.position.x ?? 0) + 4 * 240 + 80,
              y: 120,
            },
            settings: {
              ...c.settings,
              provider: "s3",
              bucket: "thanos",
              endpoint: url.host,
              insecure: url.protocol === "http:",
              accessKey: opts.accessKey ?? "S3RVER",
              secretKey: opts.secretKey ?? "S3RVER",
            },
          };
        default:
          return c;
      }
    }),
  } as Design;
}

/**
 * Creates the rendered objects of one cluster node in the Kubernetes API test server (as a deploy would,
 * without the app) and waits until its controller reports every StatefulSet ready.
 */
export async function applyRendered(
  kube: KubeApiServer,
  design: Design,
  clusterName: string,
  designId: string,
): Promise<void> {
  const objects = render(design, clusterName, { designId });
  const namespace = objects.find((o) => o.metadata.namespace)?.metadata.namespace ?? "default";
  await call(kube, "POST", "/api/v1/namespaces", {
    body: { apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } },
  });
  for (const o of objects) {
    const rt = findByKind(o.apiVersion, o.kind);
    if (!rt || rt.kind === "Namespace") continue;
    const base = rt.group ? `/apis/${rt.group}/${rt.version}` : `/api/${rt.version}`;
    const res = await call(
      kube,
      "POST",
      rt.namespaced ? `${base}/namespaces/${o.metadata.namespace}/${rt.plural}` : `${base}/${rt.plural}`,
      { body: o },
    );
    if (res.status >= 300 && res.status !== 409)
      throw new Error(`${o.kind} ${o.metadata.name}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  }
  for (let i = 0; i < 100; i++) {
    const items = (await call(kube, "GET", `/apis/apps/v1/namespaces/${namespace}/statefulsets`)).body.items as Array<{
      spec: { replicas: number };
      status?: { readyReplicas?: number };
    }>;
    if (items.length > 0 && items.every((x) => (x.status?.readyReplicas ?? 0) === x.spec.replicas)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("workloads did not become ready");
}

/** The hashmod-shards template shaped like the bucket fixture, applied to a fresh Kubernetes API test server. */
export async function startAppliedStack(
  designId: string,
): Promise<{ kube: KubeApiServer; stack: StatusStack; stop(): Promise<void> }> {
  const template = validateDesign(getTemplate("hashmod-shards")!.design);
  if (!template.ok) throw new Error("template invalid");
  const kube = await startKubeApi({ readyDelayMs: 20 });
  const stack = await startStatusStack(
    (bucket) => fixtureShapedDesign(template.design, { bucketEndpoint: bucket.endpoint, registeredClusterId: "reg-1" }),
    designId,
  );
  await applyRendered(kube, stack.design, "prometheus-ha", designId);
  return { kube, stack, stop: async () => void (await Promise.all([stack.stop(), kube.stop()])) };
}
