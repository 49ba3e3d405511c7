import type { ComponentOf } from "@/lib/topology";
import { PORTS, container, deployment, disruptionBudget, headlessService, type WorkloadSpec } from "./common";
import { serviceAccount } from "./hardening";
import { hostOf } from "./endpoints";
import { selectorLabels, type AppIdentity } from "./labels";
import type { KubeObject, RenderContext } from "./types";

type Memcached = ComponentOf<"memcached">;

export const defaults = {
  port: PORTS.memcached,
  image: (v: string) => `docker.io/library/memcached:${v}`,
  connectionLimit: 1024,
  maxItemSize: "1m",
} as const;

const identity = (ctx: RenderContext): AppIdentity => ({
  app: "memcached",
  component: "cache",
  version: ctx.versions.memcached,
});

/** Thanos memcached client `addresses`: SRV over the headless Service so every replica is used. */
export function memcachedAddress(ctx: RenderContext, m: Memcached): string {
  return `dnssrv+_client._tcp.${hostOf(ctx, m, m.name)}`;
}

/** Thanos's MEMCACHED cache config (response cache, index cache) for one memcached component. */
export function memcachedCacheConfig(
  ctx: RenderContext,
  m: Memcached,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    type: "MEMCACHED",
    config: {
      addresses: [memcachedAddress(ctx, m)],
      timeout: "500ms",
      max_idle_connections: 100,
      max_async_concurrency: 20,
      max_async_buffer_size: 10000,
      max_get_multi_concurrency: 100,
      max_get_multi_batch_size: 0,
      max_item_size: "1MiB",
      ...extra,
    },
  };
}

export function renderMemcached(ctx: RenderContext, c: Memcached): KubeObject[] {
  const id = identity(ctx);
  const selector = selectorLabels(c, id);
  const w: WorkloadSpec = {
    ctx,
    c,
    id,
    selector,
    hardening: c.settings.workload,
    pod: {
      containers: [
        container({
          name: "memcached",
          image: c.settings.image ?? defaults.image(ctx.versions.memcached),
          args: [
            "-m",
            String(c.settings.memoryLimitMb),
            "-c",
            String(defaults.connectionLimit),
            "-I",
            defaults.maxItemSize,
            "-p",
            String(defaults.port),
          ],
          ports: { client: defaults.port },
          // memcached speaks no HTTP: probe the socket.
          probes: {
            livenessProbe: { tcpSocket: { port: "client" }, periodSeconds: 30 },
            readinessProbe: { tcpSocket: { port: "client" }, periodSeconds: 5 },
          },
          resources: c.settings.resources,
        }),
      ],
    },
  };
  return [
    serviceAccount(ctx, c, id, c.settings.workload),
    headlessService(ctx, c, id, c.name, [{ name: "client", port: defaults.port }], selector),
    deployment(w),
    ...disruptionBudget(w),
  ];
}
