import { stringify } from "./yaml";
import type { ComponentOf } from "@/lib/topology";
import { shardedName } from "@/lib/topology/naming";
import {
  PORTS,
  container,
  disruptionBudget,
  headlessService,
  statefulSet,
  thanosImage,
  volumeClaimTemplate,
  type Obj,
  type WorkloadSpec,
} from "./common";
import { serviceAccount } from "./hardening";
import { SHARD_LABEL, STORE_API_LABEL, selectorLabels, type AppIdentity } from "./labels";
import { memcachedCacheConfig } from "./memcached";
import { objstoreWiring } from "./object-store";
import type { KubeObject, RenderContext } from "./types";

type StoreGateway = ComponentOf<"storeGateway">;

export const defaults = {
  dataDir: "/var/thanos/store",
  logLevel: "info",
} as const;

const identity = (ctx: RenderContext): AppIdentity => ({
  app: "thanos-store",
  component: "object-store-gateway",
  version: ctx.versions.thanos,
});

export function indexCacheConfig(ctx: RenderContext, c: StoreGateway): Obj {
  const mc = ctx.graph.targets(c, "cache").find((t) => t.kind === "memcached");
  if (c.settings.indexCache === "memcached" && mc?.kind === "memcached") {
    return memcachedCacheConfig(ctx, mc);
  }
  return { type: "IN-MEMORY", config: { max_size: c.settings.indexCacheSize } };
}

/** Block sharding: each store shard keeps the blocks whose `__block_id` hashes to its index (kube-thanos style). */
export function blockShardRelabel(shards: number, k: number): Obj[] {
  return [
    { action: "hashmod", source_labels: ["__block_id"], target_label: "shard", modulus: shards },
    { action: "keep", source_labels: ["shard"], regex: `^${k}$` },
  ];
}

export function storeArgs(ctx: RenderContext, c: StoreGateway, k: number): string[] {
  const s = c.settings;
  const args = [
    "store",
    `--log.level=${defaults.logLevel}`,
    `--data-dir=${defaults.dataDir}`,
    `--grpc-address=0.0.0.0:${PORTS.grpc}`,
    `--http-address=0.0.0.0:${PORTS.http}`,
  ];
  const objstore = objstoreWiring(ctx, c);
  if (objstore) args.push(objstore.flag);
  args.push(`--index-cache.config=${stringify(indexCacheConfig(ctx, c)).trimEnd()}`);
  if (s.timePartition?.minTime) args.push(`--min-time=${s.timePartition.minTime}`);
  if (s.timePartition?.maxTime) args.push(`--max-time=${s.timePartition.maxTime}`);
  if (s.blockShards > 1)
    args.push(`--selector.relabel-config=${stringify(blockShardRelabel(s.blockShards, k)).trimEnd()}`);
  // Arguments the model has no field for (kept by import) go last, verbatim.
  return [...args, ...s.extraArgs];
}

export function storeShardName(c: StoreGateway, k: number): string {
  return shardedName(c.name, c.settings.blockShards, k);
}

export function renderStoreGateway(ctx: RenderContext, c: StoreGateway): KubeObject[] {
  const id = identity(ctx);
  const base = selectorLabels(c, id);
  const objstore = objstoreWiring(ctx, c);
  const out: KubeObject[] = [
    serviceAccount(ctx, c, id, c.settings.workload),
    headlessService(
      ctx,
      c,
      id,
      c.name,
      [
        { name: "grpc", port: PORTS.grpc },
        { name: "http", port: PORTS.http },
      ],
      base,
    ),
  ];
  for (let k = 0; k < c.settings.blockShards; k++) {
    const selector = { ...base, [SHARD_LABEL]: String(k) };
    const w: WorkloadSpec & { serviceName: string; volumeClaimTemplates: Obj[] } = {
      ctx,
      c,
      id,
      name: storeShardName(c, k),
      replicas: c.settings.replicas,
      serviceName: c.name,
      selector,
      podLabels: { [SHARD_LABEL]: String(k), [STORE_API_LABEL]: "true" },
      hardening: c.settings.workload,
      pod: {
        containers: [
          container({
            name: "thanos-store",
            image: thanosImage(ctx, c.settings.image),
            args: storeArgs(ctx, c, k),
            ports: { grpc: PORTS.grpc, http: PORTS.http },
            resources: c.settings.resources,
            mounts: [{ name: "data", mountPath: defaults.dataDir }, ...(objstore ? [objstore.mount] : [])],
            go: true,
          }),
        ],
        ...(objstore ? { volumes: [objstore.volume] } : {}),
      },
      volumeClaimTemplates: [volumeClaimTemplate(ctx, c, id, c.settings.storage)],
    };
    out.push(statefulSet(w), ...disruptionBudget(w));
  }
  return out;
}
