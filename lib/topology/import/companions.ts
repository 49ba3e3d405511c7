import type { ClusterBuilder } from "./build";
import type { Draft } from "./draft";
import type { Bucket } from "./bucket";
import { arr, isObj, key, labelsOf, matchLabels, obj, selects, str, stringMap } from "./objects";
import type { KubeObject } from "./parse";

type Target = { id: string; name: string };

/**
 * Every object of one cluster → the component it belongs to. Workloads and resources map to their draft;
 * companions (Services, ConfigMaps, Secrets, ServiceAccounts, RBAC, PodDisruptionBudgets, Ingresses, monitors,
 * NetworkPolicies, HorizontalPodAutoscalers, PrometheusRules) by selector, reference or name.
 */
export function mapCompanions(
  b: ClusterBuilder,
  stores: Map<string, { id: string; bucket: Bucket; secrets: KubeObject[] }>,
  clusterId: string,
): Map<string, Target> {
  const out = new Map<string, Target>();
  const t = (d: Draft): Target => ({ id: d.id, name: d.name });
  const drafts = b.drafts;
  for (const d of drafts) for (const s of d.sources) out.set(key(s), t(d));
  for (const [k, d] of b.mapped) out.set(k, t(d));
  for (const s of stores.values()) for (const sec of s.secrets) out.set(key(sec), { id: s.id, name: s.bucket.name });

  const bySelector = (sel: Record<string, string>) => drafts.find((d) => d.podLabels.some((l) => selects(sel, l)));
  const byName = (name: string) => drafts.find((d) => d.name === name || name.startsWith(`${d.name}-`));
  const services = new Map<string, Draft>();
  const accounts = new Map<string, Draft>();
  const roles = new Map<string, Draft>();

  for (const o of b.idx.objects) {
    if (out.has(key(o))) continue;
    let d: Draft | undefined;
    const spec = obj(o.spec);
    switch (o.kind) {
      case "Namespace":
        out.set(key(o), { id: clusterId, name: b.idx.name });
        continue;
      case "Service":
        d = bySelector(stringMap(spec.selector));
        if (d) services.set(o.metadata.name, d);
        break;
      case "ConfigMap":
      case "Secret":
      case "PersistentVolumeClaim":
        d = drafts.find((x) => x.configRefs.has(`${o.kind}/${o.metadata.name}`));
        break;
      case "ServiceAccount":
        d = drafts.find((x) => x.serviceAccounts.includes(o.metadata.name)) ?? byName(o.metadata.name);
        if (d) accounts.set(o.metadata.name, d);
        break;
      case "PodDisruptionBudget":
      case "NetworkPolicy":
      case "PodMonitor":
        d = bySelector(matchLabels(o.kind === "NetworkPolicy" ? spec.podSelector : spec.selector));
        break;
      case "HorizontalPodAutoscaler":
        d = drafts.find((x) => x.sources.some((s) => s.metadata.name === str(obj(spec.scaleTargetRef).name)));
        break;
      case "PrometheusRule":
        d = byName(o.metadata.name);
        break;
    }
    if (d) out.set(key(o), t(d));
  }
  // Second pass: what refers to Services, ServiceAccounts and Roles mapped above.
  const serviceOf = (name: string | undefined) => (name ? services.get(name) : undefined);
  for (const o of b.idx.objects) {
    if (out.has(key(o))) continue;
    const spec = obj(o.spec);
    let d: Draft | undefined;
    if (o.kind === "ServiceMonitor") {
      const sel = matchLabels(spec.selector);
      const svc = b.idx.objects.find(
        (s) => s.kind === "Service" && services.has(s.metadata.name) && selects(sel, labelsOf(s)),
      );
      d = svc ? services.get(svc.metadata.name) : undefined;
    } else if (o.kind === "Ingress") {
      const backends = [
        obj(spec.defaultBackend),
        ...arr(spec.rules).flatMap((r) => arr(obj(obj(r).http).paths).map((p) => obj(obj(p).backend))),
      ];
      for (const be of backends) d ??= serviceOf(str(obj(be.service).name) ?? str(be.serviceName));
    } else if (o.kind === "RoleBinding" || o.kind === "ClusterRoleBinding") {
      for (const s of arr(o.subjects).filter(isObj))
        if (s.kind === "ServiceAccount") d ??= accounts.get(str(s.name) ?? "");
      if (d) roles.set(`${o.kind === "RoleBinding" ? "Role" : "ClusterRole"}/${str(obj(o.roleRef).name)}`, d);
      d ??= byName(o.metadata.name);
    }
    if (d) out.set(key(o), t(d));
  }
  for (const o of b.idx.objects) {
    if (out.has(key(o)) || (o.kind !== "Role" && o.kind !== "ClusterRole")) continue;
    const d = roles.get(`${o.kind}/${o.metadata.name}`);
    if (d) out.set(key(o), t(d));
  }
  return out;
}
