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
