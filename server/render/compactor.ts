import type { ComponentOf } from "@/lib/topology";
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
import { selectorLabels, type AppIdentity } from "./labels";
import { objstoreWiring } from "./object-store";
import type { KubeObject, RenderContext } from "./types";

type Compactor = ComponentOf<"compactor">;

export const defaults = {
  dataDir: "/var/thanos/compact",
  logLevel: "info",
} as const;

const identity = (ctx: RenderContext): AppIdentity => ({
  app: "thanos-compact",
  component: "database-compactor",
  version: ctx.versions.thanos,
});

export function compactorArgs(ctx: RenderContext, c: Compactor): string[] {
  const s = c.settings;
  const args = [
    "compact",
    // Keep running and poll the bucket instead of exiting after one pass.
    "--wait",
    `--log.level=${defaults.logLevel}`,
    `--data-dir=${defaults.dataDir}`,
    `--http-address=0.0.0.0:${PORTS.http}`,
  ];
  const objstore = objstoreWiring(ctx, c);
  if (objstore) args.push(objstore.flag);
  args.push(
    `--retention.resolution-raw=${s.retentionRaw}`,
    `--retention.resolution-5m=${s.retention5m}`,
    `--retention.resolution-1h=${s.retention1h}`,
  );
  if (!s.downsampling) args.push("--downsampling.disable");
  args.push(`--delete-delay=${s.deleteDelay}`);
  // Opt-in vertical compaction: Thanos enables it when a deduplication replica label is given.
  for (const l of s.deduplicationReplicaLabels) args.push(`--deduplication.replica-label=${l}`);
  // Arguments the model has no field for (kept by import) go last, verbatim.
  return [...args, ...s.extraArgs];
}

export function renderCompactor(ctx: RenderContext, c: Compactor): KubeObject[] {
  const id = identity(ctx);
  const selector = selectorLabels(c, id);
  const objstore = objstoreWiring(ctx, c);
  const w: WorkloadSpec & { volumeClaimTemplates: Obj[] } = {
    ctx,
    c,
    id,
    // Replicas: exactly one per bucket, two compactors corrupt it (lint reports more as an error).
    selector,
    hardening: c.settings.workload,
    pod: {
      containers: [
        container({
          name: "thanos-compact",
          image: thanosImage(ctx, c.settings.image),
          args: compactorArgs(ctx, c),
          ports: { http: PORTS.http },
          resources: c.settings.resources,
          mounts: [{ name: "data", mountPath: defaults.dataDir }, ...(objstore ? [objstore.mount] : [])],
          go: true,
        }),
      ],
      ...(objstore ? { volumes: [objstore.volume] } : {}),
    },
    volumeClaimTemplates: [volumeClaimTemplate(ctx, c, id, c.settings.storage)],
  };
  return [
    serviceAccount(ctx, c, id, c.settings.workload),
    headlessService(ctx, c, id, c.name, [{ name: "http", port: PORTS.http }], selector),
    statefulSet(w),
    ...disruptionBudget(w),
  ];
}
