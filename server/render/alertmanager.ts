import { stringify } from "./yaml";
import type { ComponentOf } from "@/lib/topology";
import {
  PORTS,
  configMap,
  container,
  disruptionBudget,
  fieldEnv,
  headlessService,
  statefulSet,
  volumeClaimTemplate,
  type Obj,
  type WorkloadSpec,
} from "./common";
import { serviceAccount } from "./hardening";
import { hostOf } from "./endpoints";
import { selectorLabels, type AppIdentity } from "./labels";
import type { KubeObject, RenderContext } from "./types";

type Alertmanager = ComponentOf<"alertmanager">;

export const defaults = {
  configDir: "/etc/alertmanager",
  configFile: "alertmanager.yml",
  dataDir: "/alertmanager",
  storage: { size: "2Gi" },
  route: { group_wait: "30s", group_interval: "5m", repeat_interval: "4h" },
  image: (v: string) => `quay.io/prometheus/alertmanager:${v}`,
} as const;

const identity = (ctx: RenderContext): AppIdentity => ({
  app: "alertmanager",
  component: "alert-router",
  version: ctx.versions.alertmanager,
});

/** alertmanager.yml: one route to a webhook receiver, or a receiver with no integration (alerts visible in the UI). */
export function alertmanagerConfig(c: Alertmanager): Record<string, unknown> {
  const s = c.settings;
  return {
    route: { receiver: "default", group_by: s.groupBy, ...defaults.route },
    receivers: [
      s.webhookUrl
        ? { name: "default", webhook_configs: [{ url: s.webhookUrl, send_resolved: true }] }
        : { name: "default" },
    ],
  };
}

export function alertmanagerArgs(ctx: RenderContext, c: Alertmanager): string[] {
  const host = hostOf(ctx, c, c.name);
  const args = [
    `--config.file=${defaults.configDir}/${defaults.configFile}`,
    `--storage.path=${defaults.dataDir}`,
    `--web.listen-address=:${PORTS.alertmanager}`,
    `--cluster.listen-address=0.0.0.0:${PORTS.alertmanagerCluster}`,
    `--cluster.advertise-address=$(POD_IP):${PORTS.alertmanagerCluster}`,
  ];
  // Every replica gossips with every other: notifications are deduplicated across the cluster.
  for (let i = 0; i < c.settings.replicas; i++)
    args.push(`--cluster.peer=${c.name}-${i}.${host}:${PORTS.alertmanagerCluster}`);
  return args;
}

export function renderAlertmanager(ctx: RenderContext, c: Alertmanager): KubeObject[] {
  const id = identity(ctx);
  const selector = selectorLabels(c, id);
  const w: WorkloadSpec & { volumeClaimTemplates: Obj[] } = {
    ctx,
    c,
    id,
    selector,
    hardening: c.settings.workload,
    pod: {
      containers: [
        container({
          name: "alertmanager",
          image: c.settings.image ?? defaults.image(ctx.versions.alertmanager),
          args: alertmanagerArgs(ctx, c),
          env: [fieldEnv("POD_IP", "status.podIP")],
          ports: {
            http: PORTS.alertmanager,
            "mesh-tcp": PORTS.alertmanagerCluster,
            "mesh-udp": [PORTS.alertmanagerCluster, "UDP"],
          },
          resources: c.settings.resources,
          mounts: [
            { name: "config", mountPath: defaults.configDir, readOnly: true },
            { name: "data", mountPath: defaults.dataDir },
          ],
          go: true,
        }),
      ],
      volumes: [{ name: "config", configMap: { name: `${c.name}-config` } }],
    },
    volumeClaimTemplates: [volumeClaimTemplate(ctx, c, id, defaults.storage)],
  };
  return [
    serviceAccount(ctx, c, id, c.settings.workload),
    configMap(ctx, c, id, `${c.name}-config`, { [defaults.configFile]: stringify(alertmanagerConfig(c)) }),
    headlessService(
      ctx,
      c,
      id,
      c.name,
      [
        { name: "http", port: PORTS.alertmanager },
        { name: "mesh-tcp", port: PORTS.alertmanagerCluster },
        { name: "mesh-udp", port: PORTS.alertmanagerCluster, protocol: "UDP" },
      ],
      selector,
      { publishNotReadyAddresses: true },
    ),
    statefulSet(w),
    ...disruptionBudget(w),
  ];
}
