import type { ComponentOf } from "@/lib/topology";
import {
  PORTS,
  configMap,
  container,
  disruptionBudget,
  fieldEnv,
  headlessService,
  statefulSet,
  thanosImage,
  volumeClaimTemplate,
  type Obj,
  type WorkloadSpec,
} from "./common";
import { serviceAccount } from "./hardening";
import { hostOf, isLocal } from "./endpoints";
import { STORE_API_LABEL, selectorLabels, type AppIdentity } from "./labels";
import { objstoreWiring } from "./object-store";
import { ruleFile } from "./rules";
import type { KubeObject, RenderContext } from "./types";

type Ruler = ComponentOf<"ruler">;

export const defaults = {
  dataDir: "/var/thanos/rule",
  rulesDir: "/etc/thanos/rules",
  rulesFile: "rules.yaml",
  logLevel: "info",
  /** Watches the rules ConfigMap and POSTs Thanos Rule's /-/reload, so rule changes need no restart (kube-thanos). */
  reloader: {
    image: "ghcr.io/jimmidyson/configmap-reload:v0.14.0",
    port: PORTS.configReloader,
    resources: { requests: { cpu: "10m", memory: "32Mi" }, limits: { cpu: "100m", memory: "64Mi" } },
  },
} as const;

const identity = (ctx: RenderContext): AppIdentity => ({
  app: "thanos-rule",
  component: "rule-evaluation-engine",
  version: ctx.versions.thanos,
});

/** `--label=name="value"` as Thanos parses it (the value is a quoted string). */
export function labelFlag(name: string, value: string): string {
  return `--label=${name}=${JSON.stringify(value)}`;
}

export function rulerArgs(ctx: RenderContext, c: Ruler): string[] {
  const s = c.settings;
  const args = [
    "rule",
    `--log.level=${defaults.logLevel}`,
    `--data-dir=${defaults.dataDir}`,
    `--grpc-address=0.0.0.0:${PORTS.grpc}`,
    `--http-address=0.0.0.0:${PORTS.http}`,
    `--rule-file=${defaults.rulesDir}/*.yaml`,
    `--eval-interval=${s.evaluationInterval}`,
    // Each replica labels its series with its own pod name so Query can dedup them.
    labelFlag(s.replicaLabel, "$(NAME)"),
    ...Object.entries(ctx.cluster.settings.externalLabels).map(([k, v]) => labelFlag(k, v)),
    ...s.alertLabelDrop.map((l) => `--alert.label-drop=${l}`),
  ];
  for (const q of ctx.graph.targets(c, "queries")) {
    if (q.kind === "query" || q.kind === "queryFrontend")
      args.push(`--query=${hostOf(ctx, q, q.name)}:${PORTS.queryHttp}`);
  }
  for (const am of ctx.graph.targets(c, "alerts")) {
    if (am.kind !== "alertmanager") continue;
    // In-cluster: SRV over the headless Service finds every Alertmanager replica.
    args.push(
      isLocal(ctx, am)
        ? `--alertmanagers.url=dnssrv+http://_http._tcp.${hostOf(ctx, am, am.name)}`
        : `--alertmanagers.url=http://${hostOf(ctx, am, am.name)}:${PORTS.alertmanager}`,
    );
  }
  const objstore = objstoreWiring(ctx, c);
  if (objstore) args.push(objstore.flag);
  // Arguments the model has no field for (kept by import) go last, verbatim.
  return [...args, ...s.extraArgs];
}

export function renderRuler(ctx: RenderContext, c: Ruler): KubeObject[] {
  const id = identity(ctx);
  const selector = selectorLabels(c, id);
  const objstore = objstoreWiring(ctx, c);
  const w: WorkloadSpec & { volumeClaimTemplates: Obj[] } = {
    ctx,
    c,
    id,
    selector,
    podLabels: { [STORE_API_LABEL]: "true" },
    hardening: c.settings.workload,
    pod: {
      containers: [
        container({
          name: "thanos-rule",
          image: thanosImage(ctx, c.settings.image),
          args: rulerArgs(ctx, c),
          env: [fieldEnv("NAME")],
          ports: { grpc: PORTS.grpc, http: PORTS.http },
          resources: c.settings.resources,
          mounts: [
            { name: "data", mountPath: defaults.dataDir },
            { name: "rules", mountPath: defaults.rulesDir, readOnly: true },
            ...(objstore ? [objstore.mount] : []),
          ],
          go: true,
        }),
        container({
          name: "configmap-reloader",
          image: defaults.reloader.image,
          args: [`--webhook-url=http://localhost:${PORTS.http}/-/reload`, `--volume-dir=${defaults.rulesDir}`],
          ports: { reloader: defaults.reloader.port },
          // configmap-reload serves only /metrics: a TCP check is its health.
          probes: { livenessProbe: { tcpSocket: { port: "reloader" }, periodSeconds: 30 } },
          resources: defaults.reloader.resources,
          mounts: [{ name: "rules", mountPath: defaults.rulesDir, readOnly: true }],
          go: true,
        }),
      ],
      volumes: [{ name: "rules", configMap: { name: `${c.name}-rules` } }, ...(objstore ? [objstore.volume] : [])],
    },
    volumeClaimTemplates: [volumeClaimTemplate(ctx, c, id, c.settings.storage)],
  };
  return [
    serviceAccount(ctx, c, id, c.settings.workload),
    configMap(ctx, c, id, `${c.name}-rules`, { [defaults.rulesFile]: ruleFile(c.settings.ruleGroups) }),
    headlessService(
      ctx,
      c,
      id,
      c.name,
      [
        { name: "grpc", port: PORTS.grpc },
        { name: "http", port: PORTS.http },
      ],
      selector,
    ),
    statefulSet(w),
    ...disruptionBudget(w),
  ];
}
