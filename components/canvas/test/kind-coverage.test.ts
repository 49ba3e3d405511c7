/**
 * Every registered kind is carried through every layer: a renderer, a canvas style, capabilities that
 * status reads and that match what render emits, and (once import exists) import support. Adding a kind
 * to lib/topology/kinds/index.ts without the rest fails here, or earlier at compile time.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import { COMPONENT_KINDS, KINDS, canConnect, parseDesign, type ComponentKind, type Design } from "@/lib/topology";
import { CONNECTION_KINDS } from "@/lib/topology/connections";
import { storeApiService } from "@/lib/topology/naming";
import { TEMPLATES } from "@/lib/topology/templates";
import type { ThanosCommandName } from "@/lib/topology/kinds";
import { sortForApply } from "@/lib/kubernetes/apply-order";
import { renderAll, type KubeObject } from "@/server/render";
import { thanosCommand, type ThanosCommand } from "@/server/render/flags";
import { COMPONENT_ANNOTATION } from "@/server/render/labels";
import { RENDERERS } from "@/server/render/registry";
import { statusTargets } from "@/server/status/targets";
import { applySteps } from "@/server/kube/order";
import { ICONS, KIND_STYLE, componentSummary } from "../kind-style";

/** One cluster holding one component of every kind, joined by every connection the kinds allow. */
function everyKind(): Design {
  const components = COMPONENT_KINDS.filter((k) => k !== "cluster").map((k) => ({
    id: k,
    kind: k,
    name: KINDS[k].defaultName,
    cluster: KINDS[k].needsCluster ? "cl" : undefined,
  }));
  const connections = CONNECTION_KINDS.flatMap((kind) =>
    components.flatMap((a) =>
      components
        .filter((b) => a !== b && canConnect(kind, a.kind, b.kind))
        .map((b) => ({ id: `${kind}-${a.id}-${b.id}`, kind, from: a.id, to: b.id })),
    ),
  );
  return parseDesign({
    name: "every kind",
    components: [{ id: "cl", kind: "cluster", name: "all", settings: { namespace: "mon" } }, ...components],
    connections,
  });
}

const designs = [{ name: "every-kind", design: everyKind() }].concat(
  TEMPLATES.map((t) => ({ name: t.name, design: parseDesign(t.design) })),
);
const rendered = designs.flatMap(({ name, design }) =>
  renderAll(design, { designId: "d" }).map((r) => ({ name, design, ...r })),
);

/** Objects render emitted for components of `kind`, across every design. */
function objectsOf(kind: ComponentKind): { component: Design["components"][number]; object: KubeObject }[] {
  return rendered.flatMap(({ design, objects }) =>
    objects.flatMap((object) => {
      const component = design.components.find((c) => c.id === object.metadata.annotations?.[COMPONENT_ANNOTATION]);
      return component?.kind === kind ? [{ component, object }] : [];
    }),
  );
}

interface PodContainer {
  image: string;
  args?: string[];
  ports?: { name: string; containerPort: number }[];
}
const containers = (o: KubeObject): PodContainer[] =>
  (o.spec as { template?: { spec?: { containers?: PodContainer[] } } } | undefined)?.template?.spec?.containers ?? [];

describe.each(COMPONENT_KINDS)("kind %s", (kind) => {
  const def = KINDS[kind];
  const caps = def.capabilities;
  const mine = objectsOf(kind);

  it("is declared once, under its own name, with complete defaults", () => {
    expect(def.kind).toBe(kind);
    expect(COMPONENT_KINDS.filter((k) => k === kind)).toHaveLength(1);
    expect(() => def.settings.parse({})).not.toThrow();
    expect(def.defaultName).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
  });

  it("has a renderer and a canvas icon and colour", () => {
    expect(typeof RENDERERS[kind]).toBe("function");
    expect(Object.hasOwn(ICONS, def.icon), `icon "${def.icon}" is not in the canvas icon table`).toBe(true);
    expect(KIND_STYLE[kind].icon).toBe(ICONS[def.icon]);
    expect(KIND_STYLE[kind].color).toMatch(/^#[0-9a-f]{6}$/);
  });

  it("renders exactly the workload kinds its capabilities name (what status counts replicas on)", () => {
    const workloads = mine.filter(({ object }) => ["StatefulSet", "Deployment", "Prometheus"].includes(object.kind));
    if (caps.workloads.length) expect(workloads.length, "appears in no rendered design").toBeGreaterThan(0);
    for (const { object } of workloads) expect(caps.workloads).toContain(object.kind);
  });

  it("listens on the named ports it declares, and runs the image and Thanos command it declares", () => {
    for (const { object } of mine)
      for (const c of containers(object)) {
        for (const p of c.ports ?? []) expect([p.name, def.ports[p.name]]).toEqual([p.name, p.containerPort]);
      }
    const images = mine.flatMap(({ object }) => containers(object).map((c) => c.image));
    if (caps.image) expect(images.some((i) => i.includes(`/${caps.image}:`))).toBe(true);
    else expect(images).toEqual([]);
    const commands = mine.flatMap(({ object }) =>
      containers(object)
        .filter((c) => c.image.includes("/thanos:"))
        .map((c) => thanosCommand(c.args ?? [])),
    );
    if (caps.thanosCommand) expect(commands).toContain(caps.thanosCommand);
    else expect(commands).toEqual([]);
  });

  it("serves StoreAPI on the Service and port its capabilities name", () => {
    for (const { design, objects } of rendered)
      for (const c of design.components.filter((x) => x.kind === kind)) {
        const service = storeApiService(c);
        if (!caps.storeApi) expect(service).toBeNull();
        if (!service || !objects.some((o) => o.metadata.annotations?.[COMPONENT_ANNOTATION] === c.id)) continue;
        const svc = objects.find((o) => o.kind === "Service" && o.metadata.name === service);
        const ports = (svc?.spec as { ports?: { name: string; port: number }[] } | undefined)?.ports ?? [];
        expect(ports, `${c.name}: Service ${service}`).toContainEqual(
          expect.objectContaining({ name: caps.storeApi!.port, port: def.ports[caps.storeApi!.port] }),
        );
      }
  });

  it("is probed by status exactly when its capabilities say it answers /-/ready", () => {
    const probed = designs.flatMap(({ design }) =>
      statusTargets(design, "d").clusters.flatMap((cl) =>
        cl.probes.filter((p) => design.components.find((c) => c.id === p.componentId)?.kind === kind),
      ),
    );
    if (caps.probes) expect(probed.length).toBeGreaterThan(0);
    else expect(probed).toEqual([]);
  });

  it("is imported, once import support exists for any kind", () => {
    // The importer (manifests → design) marks each kind it recognises with `capabilities.importable`.
    // Until it marks one, there is nothing to hold kinds to; from then on every kind must be importable.
    const started = COMPONENT_KINDS.some((k) => KINDS[k].capabilities.importable !== undefined);
    if (started) expect(caps.importable, `${kind} has no import support`).toBe(true);
    else expect(caps.importable).toBeUndefined();
  });
});

describe("the kinds as a whole", () => {
  it("every kind appears in at least one rendered design", () => {
    const present = new Set(rendered.flatMap(({ design }) => design.components.map((c) => c.kind)));
    expect(COMPONENT_KINDS.filter((k) => !present.has(k))).toEqual([]);
  });

  it("render emits objects in the order deploy applies them", () => {
    for (const { name, cluster, objects } of rendered) {
      expect(sortForApply(objects), `${name}/${cluster}`).toEqual(objects);
      expect(applySteps(objects).flat(), `${name}/${cluster}`).toEqual(objects);
    }
  });

  it("node summaries show the schema's defaults for fields being edited, not defaults of their own", () => {
    const p = everyKind().components.find((c) => c.kind === "prometheus")!;
    const editing = { ...p, settings: { ...p.settings, shards: 3, replicas: undefined } } as unknown as typeof p;
    const replicas = (KINDS.prometheus.settings.parse({}) as { replicas: number }).replicas;
    expect(componentSummary(editing)).toBe(`3 shards × ${replicas}`);
  });

  it("declares Thanos commands as render's flag lists spell them", () => {
    expectTypeOf<ThanosCommandName>().toEqualTypeOf<ThanosCommand>();
  });
});
