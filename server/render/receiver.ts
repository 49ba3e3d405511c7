import type { ComponentOf } from "@/lib/topology";
import { receiverLocalEndpoint, receiverPodEndpoints, receiverWriteService } from "@/lib/topology/naming";
import {
  PORTS,
  clusterIpService,
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
import { receiverMaxUnavailable, serviceAccount } from "./hardening";
import { STORE_API_LABEL, selectorLabels, type AppIdentity } from "./labels";
import { objstoreWiring } from "./object-store";
import { labelFlag } from "./ruler";
import type { KubeObject, RenderContext } from "./types";

type Receiver = ComponentOf<"receiver">;

export const defaults = {
  dataDir: "/var/thanos/receive",
  hashringsDir: "/etc/thanos/hashrings",
  hashringsFile: "hashrings.json",
  logLevel: "info",
} as const;

const identity = (ctx: RenderContext): AppIdentity => ({
  app: "thanos-receive",
  component: "database-write-hashring",
  version: ctx.versions.thanos,
});

export interface HashringEntry {
  hashring: string;
  tenants?: string[];
  endpoints: string[];
}

/** The hashrings file (Thanos's JSON array); a hashring without endpoints lists this receiver's own pods. */
export function hashrings(ctx: RenderContext, c: Receiver): HashringEntry[] {
  return c.settings.hashrings.map((h) => ({
    hashring: h.name,
    ...(h.tenants.length ? { tenants: h.tenants } : {}),
    endpoints: h.endpoints.length ? h.endpoints : receiverPodEndpoints(ctx.graph, c),
  }));
}

export function receiverArgs(ctx: RenderContext, c: Receiver): string[] {
  const s = c.settings;
  const routes = s.role !== "ingestor";
  const ingests = s.role !== "router";
  const args = [
    "receive",
    `--log.level=${defaults.logLevel}`,
    `--grpc-address=0.0.0.0:${PORTS.grpc}`,
    `--http-address=0.0.0.0:${PORTS.http}`,
    `--remote-write.address=0.0.0.0:${PORTS.remoteWrite}`,
    `--tsdb.path=${defaults.dataDir}`,
    `--tsdb.retention=${s.retention}`,
    // Only the replica label: remote-written series already carry their sender's external labels (cluster…),
    // and a receiver-wide label would overwrite them for every tenant.
    labelFlag(s.replicaLabel, "$(NAME)"),
    `--receive.replication-factor=${s.replicationFactor}`,
    `--receive.tenant-header=${s.tenantHeader}`,
    `--receive.default-tenant-id=${s.defaultTenant}`,
    `--receive.tenant-label-name=${s.tenantLabel}`,
  ];
  if (routes) args.push(`--receive.hashrings-file=${defaults.hashringsDir}/${defaults.hashringsFile}`);
  // hashmod is Thanos's default; only ketama is spelled out, so existing rings keep their series placement.
  if (routes && s.hashringAlgorithm === "ketama") args.push(`--receive.hashrings-algorithm=${s.hashringAlgorithm}`);
  // Must name this pod under its own Service and namespace, or the receiver forwards to itself until OOM.
  if (ingests) args.push(`--receive.local-endpoint=${s.localEndpoint ?? receiverLocalEndpoint(ctx.graph, c)}`);
  const objstore = ingests ? objstoreWiring(ctx, c) : null;
  if (objstore) args.push(objstore.flag);
  // Arguments the model has no field for (kept by import) go last, verbatim.
  return [...args, ...s.extraArgs];
}

export function renderReceiver(ctx: RenderContext, c: Receiver): KubeObject[] {
  const id = identity(ctx);
  const selector = selectorLabels(c, id);
  const objstore = c.settings.role !== "router" ? objstoreWiring(ctx, c) : null;
  // An ingestor-only receiver takes no hashring: routers decide which of its pods get which series.
  const routes = c.settings.role !== "ingestor";
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
          name: "thanos-receive",
          image: thanosImage(ctx, c.settings.image),
          args: receiverArgs(ctx, c),
          env: [fieldEnv("NAME")],
          ports: { grpc: PORTS.grpc, http: PORTS.http, "remote-write": PORTS.remoteWrite },
          resources: c.settings.resources,
          mounts: [
            { name: "data", mountPath: defaults.dataDir },
            ...(routes ? [{ name: "hashrings", mountPath: defaults.hashringsDir, readOnly: true }] : []),
            ...(objstore ? [objstore.mount] : []),
          ],
          go: true,
        }),
      ],
      volumes: [
        ...(routes ? [{ name: "hashrings", configMap: { name: `${c.name}-hashrings` } }] : []),
        ...(objstore ? [objstore.volume] : []),
      ],
    },
    volumeClaimTemplates: [volumeClaimTemplate(ctx, c, id, c.settings.storage)],
  };
  return [
    serviceAccount(ctx, c, id, c.settings.workload),
    ...(routes
      ? [
          configMap(ctx, c, id, `${c.name}-hashrings`, {
            [defaults.hashringsFile]: JSON.stringify(hashrings(ctx, c), null, 2) + "\n",
          }),
        ]
      : []),
    // Headless: Query's SRV lookup must see every replica, not one at a time.
    headlessService(
      ctx,
      c,
      id,
      c.name,
      [
        { name: "grpc", port: PORTS.grpc },
        { name: "http", port: PORTS.http },
        { name: "remote-write", port: PORTS.remoteWrite },
      ],
      selector,
    ),
    // ClusterIP write Service: Prometheus remote-writes through it, load-balanced over the replicas.
    clusterIpService(
      ctx,
      c,
      id,
      receiverWriteService(c),
      [{ name: "remote-write", port: PORTS.remoteWrite }],
      selector,
    ),
    statefulSet(w),
    // No more receivers down than the replication factor tolerates, or writes lose quorum.
    ...disruptionBudget(w, c.settings.workload.maxUnavailable ?? receiverMaxUnavailable(c.settings.replicationFactor)),
  ];
}
