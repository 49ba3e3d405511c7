import { describe, expect, it } from "vitest";
import { parseDesign, type Design } from "@/lib/topology";
import { lintDesign } from "@/lib/topology/lint";
import { TEMPLATES } from "@/lib/topology/templates";
import { renderAll, toYaml } from "@/server/render";
import { importYaml } from "../index";

/** Components as (cluster name, name, kind), connections as (kind, from, to) by name: ids may differ. */
function shape(d: Design) {
  const byId = new Map(d.components.map((c) => [c.id, c]));
  const where = (id: string) => {
    const c = byId.get(id)!;
    return `${c.cluster ? byId.get(c.cluster)!.name + "/" : ""}${c.name}`;
  };
  return {
    components: d.components.map((c) => `${c.kind} ${where(c.id)}`).sort(),
    connections: d.connections.map((e) => `${e.kind} ${where(e.from)} -> ${where(e.to)}`).sort(),
  };
}

const lintIds = (d: Design) => [...new Set(lintDesign(d).map((f) => `${f.severity} ${f.rule}`))].sort();

describe.each(TEMPLATES.map((t) => [t.name, t] as const))("import(render(%s))", (_name, t) => {
  const design = parseDesign(t.design);
  const rendered = renderAll(design, { secrets: "clear" });
  const { design: back, report } = importYaml(
    design.name,
    rendered.map((r) => ({ name: rendered.length > 1 ? r.cluster : undefined, manifests: toYaml(r.objects) })),
  );

  it("gives the same components, kinds and connections", () => {
    expect(shape(back)).toEqual(shape(design));
  });

  it("keeps the settings that matter", () => {
    for (const c of design.components) {
      const twin = back.components.find((x) => x.id === c.id);
      expect(twin, `component ${c.id}`).toBeDefined();
      const { width: _w, height: _h, ...settings } = c.settings as Record<string, unknown>;
      const { width: _w2, height: _h2, extraArgs, ...got } = twin!.settings as Record<string, unknown>;
      const { extraArgs: _e, ...want } = settings;
      expect(got, `${c.kind} ${c.name}`).toEqual(want);
      if (extraArgs !== undefined) expect(extraArgs, `${c.name} extraArgs`).toEqual([]);
    }
    expect(back.versions).toEqual(design.versions);
  });

  it("lints the same", () => {
    expect(lintIds(back)).toEqual(lintIds(design));
  });

  it("maps every rendered object and drops nothing", () => {
    expect(report.objects.filter((o) => o.status === "not-understood")).toEqual([]);
    expect(report.notes.filter((n) => /not modelled|not kept|not imported|matches no/.test(n.message))).toEqual([]);
  });
});

/**
 * Every template with the hardening, self-monitoring, compactor and exposure settings moved off their defaults:
 * what render writes for them comes back as the same settings, not as extra args, scrape jobs or rule groups.
 */
function hardened(d: Design): Design {
  const next = structuredClone(d);
  const crossClusterRemoteWrite = new Set(
    next.connections
      .filter((e) => e.kind === "remoteWrite")
      .map((e) => [next.components.find((c) => c.id === e.from), next.components.find((c) => c.id === e.to)])
      .filter(([a, b]) => a?.cluster !== b?.cluster)
      .map(([, b]) => b!.cluster),
  );
  next.components.forEach((c, i) => {
    const s = c.settings as Record<string, unknown>;
    if (c.kind === "cluster") {
      // Only a cluster other clusters remote-write into renders objects that tell its exposure apart.
      if (crossClusterRemoteWrite.has(c.id))
        s.exposure =
          i % 2
            ? { type: "loadBalancer", ingressClassName: "nginx" }
            : { type: "ingress", ingressClassName: "haproxy", tlsSecretName: "edge-tls" };
      return;
    }
    if (!("workload" in s)) return;
    const operator = s.deployment === "operator";
    const replicas = typeof s.replicas === "number" ? s.replicas : 1;
    const anti = (["required", "preferred", "none"] as const)[i % 3];
    s.workload = {
      ...(s.workload as object),
      automountServiceAccountToken: true,
      runAsUser: 1000 + i,
      runAsGroup: 2000 + i,
      fsGroup: 3000 + i,
      // The operator sets the container security context itself.
      ...(operator ? {} : { readOnlyRootFilesystem: false }),
      antiAffinity: operator && s.shards !== 1 && anti === "required" ? "preferred" : anti,
      antiAffinityTopology: anti === "none" ? "node" : "zone",
      zoneSpread: i % 2 ? "required" : "preferred",
      ...(replicas >= 2 ? { maxUnavailable: 2 } : {}),
      terminationGracePeriodSeconds: 77 + i,
    };
    s.resources = { requests: { cpu: "123m", memory: "321Mi" }, limits: { cpu: "2", memory: "3Gi" } };
    if (c.kind === "compactor") {
      s.deleteDelay = "72h";
      s.deduplicationReplicaLabels = ["prometheus_replica", "rule_replica"];
    }
    if (c.kind === "prometheus") s.selfMonitoring = { scrape: i % 2 === 0, rules: i % 2 === 1 };
  });
  return parseDesign(next);
}

describe.each(TEMPLATES.map((t) => [t.name, t] as const))("import(render(hardened %s))", (_name, t) => {
  const design = hardened(parseDesign(t.design));
  const rendered = renderAll(design, { secrets: "clear" });
  const { design: back, report } = importYaml(
    design.name,
    rendered.map((r) => ({ name: rendered.length > 1 ? r.cluster : undefined, manifests: toYaml(r.objects) })),
  );

  it("keeps hardening, resources, self-monitoring, compaction and exposure settings", () => {
    for (const c of design.components) {
      const twin = back.components.find((x) => x.id === c.id)!;
      const { width: _w, height: _h, ...want } = c.settings as Record<string, unknown>;
      const { width: _w2, height: _h2, ...got } = twin.settings as Record<string, unknown>;
      expect(got, `${c.kind} ${c.name}`).toEqual({
        ...want,
        ...("extraArgs" in got && !("extraArgs" in want) ? { extraArgs: [] } : {}),
      });
    }
  });

  it("still maps every rendered object", () => {
    expect(report.objects.filter((o) => o.status === "not-understood")).toEqual([]);
    expect(report.notes.filter((n) => /not modelled|not kept|not imported|matches no/.test(n.message))).toEqual([]);
  });
});
