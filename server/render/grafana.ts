import { stringify } from "./yaml";
import { SECRET_MASK, type ComponentOf } from "@/lib/topology";
import {
  PORTS,
  clusterIpService,
  configMap,
  container,
  deployment,
  disruptionBudget,
  metadata,
  probes,
  type Obj,
  type WorkloadSpec,
} from "./common";
import { serviceAccount } from "./hardening";
import { queryHttpUrl } from "./endpoints";
import { selectorLabels, type AppIdentity } from "./labels";
import type { KubeObject, RenderContext } from "./types";

type Grafana = ComponentOf<"grafana">;

export const defaults = {
  port: PORTS.grafana,
  datasourcesDir: "/etc/grafana/provisioning/datasources",
  image: (v: string) => `docker.io/grafana/grafana:${v}`,
} as const;

const identity = (ctx: RenderContext): AppIdentity => ({
  app: "grafana",
  component: "dashboards",
  version: ctx.versions.grafana,
});

/** Provisioned datasources: one Prometheus-type datasource per queries target (Query or Query Frontend). */
export function grafanaDatasources(ctx: RenderContext, c: Grafana): Obj {
  const targets = ctx.graph.targets(c, "queries").filter((t) => t.kind === "query" || t.kind === "queryFrontend");
  return {
    apiVersion: 1,
    datasources: targets.map((t, i) => ({
      name: t.name,
      type: "prometheus",
      access: "proxy",
      url: queryHttpUrl(ctx, t),
      isDefault: i === 0,
      jsonData: { prometheusType: "Thanos", timeInterval: "30s" },
    })),
  };
}

export function renderGrafana(ctx: RenderContext, c: Grafana): KubeObject[] {
  const id = identity(ctx);
  const selector = selectorLabels(c, id);
  const out: KubeObject[] = [
    configMap(ctx, c, id, `${c.name}-datasources`, { "datasources.yaml": stringify(grafanaDatasources(ctx, c)) }),
  ];
  const password = c.settings.adminPassword;
  const env: Obj[] = [{ name: "GF_SECURITY_ADMIN_USER", value: c.settings.adminUser }];
  if (password) {
    out.push({
      apiVersion: "v1",
      kind: "Secret",
      metadata: metadata(ctx, c, id, `${c.name}-admin`),
      type: "Opaque",
      stringData: { password: ctx.secrets === "clear" ? password : SECRET_MASK },
    });
    env.push({
      name: "GF_SECURITY_ADMIN_PASSWORD",
      valueFrom: { secretKeyRef: { name: `${c.name}-admin`, key: "password" } },
    });
  }
  const w: WorkloadSpec = {
    ctx,
    c,
    id,
    selector,
    hardening: c.settings.workload,
    pod: {
      containers: [
        container({
          name: "grafana",
          image: c.settings.image ?? defaults.image(ctx.versions.grafana),
          env,
          ports: { http: defaults.port },
          probes: probes("http", { healthy: "/api/health", ready: "/api/health" }),
          resources: c.settings.resources,
          go: true,
          mounts: [
            { name: "datasources", mountPath: defaults.datasourcesDir, readOnly: true },
            { name: "storage", mountPath: "/var/lib/grafana" },
            // Grafana writes plugins, sessions and temp files: with a read-only root these need a volume.
            { name: "tmp", mountPath: "/tmp" },
          ],
        }),
      ],
      volumes: [
        { name: "datasources", configMap: { name: `${c.name}-datasources` } },
        { name: "storage", emptyDir: {} },
        { name: "tmp", emptyDir: {} },
      ],
    },
  };
  out.unshift(serviceAccount(ctx, c, id, c.settings.workload));
  out.push(
    clusterIpService(ctx, c, id, c.name, [{ name: "http", port: defaults.port }], selector),
    deployment(w),
    ...disruptionBudget(w),
  );
  return out;
}
