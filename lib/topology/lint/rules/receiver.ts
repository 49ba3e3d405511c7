import { receiverLocalEndpoint, receiverPodEndpoints } from "../../naming";
import type { ComponentOf } from "../../design";
import type { LintRule } from "../types";
import { connectionId, named, plural } from "../util";

type Receiver = ComponentOf<"receiver">;
type Hashring = Receiver["settings"]["hashrings"][number];

/** Only routers read the hashring file; pure ingestors take writes as forwarded to them. */
const routes = (r: Receiver) => r.settings.role !== "ingestor";

/** A receiver must find itself in the hashring under exactly the name it forwards to; otherwise it errors until OOM. */
export const receiverLocalEndpointRule: LintRule = {
  id: "receiver-local-endpoint",
  severity: "error",
  title: "Receiver local endpoint does not name its own service and namespace",
  check(g) {
    const out: ReturnType<LintRule["check"]> = [];
    for (const r of g.ofKind("receiver")) {
      const set = r.settings.localEndpoint;
      if (set === undefined || set === "") continue;
      const expected = receiverLocalEndpoint(g, r);
      if (set !== expected)
        out.push({
          componentId: r.id,
          message: `${named(r)} sets --receive.local-endpoint to "${set}", but its pods are "${expected}": it never recognises itself in the hashring, keeps forwarding and erroring, and grows until it is OOM-killed.`,
          hint: `Clear the local endpoint override (it is derived) or set it to ${expected}.`,
        });
    }
    return out;
  },
};

function hashringEndpoints(g: Parameters<LintRule["check"]>[0], r: Receiver, h: Hashring): string[] {
  return h.endpoints.length ? h.endpoints : receiverPodEndpoints(g, r);
}

export const receiverHashringEndpoints: LintRule = {
  id: "receiver-hashring-endpoints",
  severity: "error",
  title: "Receiver hashring endpoint that no receiver pod in the design answers",
  check(g) {
    const receivers = g.ofKind("receiver");
    const pods = new Set(
      receivers.filter((r) => r.settings.role !== "router").flatMap((r) => receiverPodEndpoints(g, r)),
    );
    const out: ReturnType<LintRule["check"]> = [];
    for (const r of receivers) {
      if (!routes(r)) continue;
      for (const h of r.settings.hashrings) {
        const unknown = h.endpoints.filter((e) => !pods.has(e));
        if (unknown.length)
          out.push({
            componentId: r.id,
            message: `${named(r)}'s hashring "${h.name}" lists ${unknown.map((e) => `"${e}"`).join(", ")}, which no receiver pod in the design answers: writes hashed there fail and are retried until Prometheus drops them.`,
            hint: `Use addresses of the form <receiver>-<i>.<receiver>.<namespace>.svc.<domain>:10901 for existing replicas, e.g. ${receiverPodEndpoints(g, r)[0] ?? "(scale the receiver up)"}; or leave endpoints empty for ${r.name}'s own pods.`,
          });
        if (r.settings.role === "router" && h.endpoints.length === 0)
          out.push({
            componentId: r.id,
            message: `${named(r)} is a router only, but its hashring "${h.name}" has no endpoints, so it routes to its own pods, which store nothing: every write is lost.`,
            hint: `List the ingesting receivers' pod addresses in hashring "${h.name}".`,
          });
      }
    }
    return out;
  },
};

/** Writes need acknowledgement from a quorum of replicationFactor endpoints of the hashring. */
export const receiverReplicationFactor: LintRule = {
  id: "receiver-replication-factor",
  severity: "error",
  title: "Receiver replication factor above the number of hashring endpoints",
  check(g) {
    const out: ReturnType<LintRule["check"]> = [];
    for (const r of g.ofKind("receiver")) {
      if (!routes(r) || r.settings.replicationFactor <= 1) continue;
      for (const h of r.settings.hashrings) {
        const n = hashringEndpoints(g, r, h).length;
        if (n < r.settings.replicationFactor)
          out.push({
            componentId: r.id,
            message: `${named(r)} replicates each write ${r.settings.replicationFactor} times, but hashring "${h.name}" has ${plural(n, "endpoint")}: writes cannot reach their replicas and fail.`,
            hint: `Lower the replication factor to ${Math.max(1, n)} or add receivers to hashring "${h.name}".`,
          });
      }
    }
    return out;
  },
};

/** A tenant that matches no hashring (and no soft-tenancy hashring exists) is rejected by the router. */
export const receiverTenantUnrouted: LintRule = {
  id: "receiver-tenant-unrouted",
  severity: "error",
  title: "Remote-write tenant that no hashring of the receiver accepts",
  check(g) {
    const out: ReturnType<LintRule["check"]> = [];
    for (const p of g.ofKind("prometheus")) {
      for (const r of g.targets(p, "remoteWrite")) {
        if (r.kind !== "receiver" || !routes(r)) continue;
        const tenant = p.settings.thanos.tenant || r.settings.defaultTenant;
        const ok = r.settings.hashrings.some((h) => h.tenants.length === 0 || h.tenants.includes(tenant));
        if (!ok)
          out.push({
            componentId: p.id,
            connectionId: connectionId(g, p, r, "remoteWrite"),
            message: `${named(p)} writes as tenant "${tenant}", but no hashring of ${named(r)} accepts it and none is a soft-tenancy catch-all: every write is rejected.`,
            hint: `Add "${tenant}" to a hashring's tenants, add a hashring with no tenants, or set ${p.name}'s tenant to one the receiver serves.`,
          });
      }
    }
    return out;
  },
};

export const RECEIVER_RULES = [
  receiverLocalEndpointRule,
  receiverHashringEndpoints,
  receiverReplicationFactor,
  receiverTenantUnrouted,
];
