import type { ComponentOf } from "@/lib/topology";
import {
  PORTS,
  clusterIpService,
  container,
  deployment,
  disruptionBudget,
  thanosImage,
  type WorkloadSpec,
} from "./common";
import { serviceAccount } from "./hardening";
import { selectorLabels, type AppIdentity } from "./labels";
import { objstoreWiring } from "./object-store";
import type { KubeObject, RenderContext } from "./types";

type BucketWeb = ComponentOf<"bucketWeb">;

export const defaults = { logLevel: "info" } as const;

const identity = (ctx: RenderContext): AppIdentity => ({
  app: "thanos-bucket",
  component: "bucket-web",
  version: ctx.versions.thanos,
});

export function bucketWebArgs(ctx: RenderContext, c: BucketWeb): string[] {
  const args = [
    "tools",
    "bucket",
    "web",
    `--log.level=${defaults.logLevel}`,
    `--http-address=0.0.0.0:${PORTS.http}`,
    `--refresh=${c.settings.refresh}`,
  ];
  const objstore = objstoreWiring(ctx, c);
  if (objstore) args.push(objstore.flag);
  // Arguments the model has no field for (kept by import) go last, verbatim.
  return [...args, ...c.settings.extraArgs];
}

export function renderBucketWeb(ctx: RenderContext, c: BucketWeb): KubeObject[] {
  const id = identity(ctx);
  const selector = selectorLabels(c, id);
  const objstore = objstoreWiring(ctx, c);
  const w: WorkloadSpec = {
    ctx,
    c,
    id,
    selector,
    hardening: c.settings.workload,
    pod: {
      containers: [
        container({
          name: "thanos-bucket-web",
          image: thanosImage(ctx, c.settings.image),
          args: bucketWebArgs(ctx, c),
          ports: { http: PORTS.http },
          resources: c.settings.resources,
          mounts: objstore ? [objstore.mount] : [],
          go: true,
        }),
      ],
      ...(objstore ? { volumes: [objstore.volume] } : {}),
    },
  };
  return [
    serviceAccount(ctx, c, id, c.settings.workload),
    clusterIpService(ctx, c, id, c.name, [{ name: "http", port: PORTS.http }], selector),
    deployment(w),
    ...disruptionBudget(w),
  ];
}
