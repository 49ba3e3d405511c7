import { parseDesign, type Design, type DesignInput } from "@/lib/topology";
import { TEMPLATES } from "@/lib/topology/templates";
import { renderAll, type KubeObject } from "..";

/** Every template parsed and rendered, cluster by cluster: what the proofs iterate over. */
export function renderedTemplates(): { template: string; design: Design; cluster: string; objects: KubeObject[] }[] {
  return TEMPLATES.flatMap((t) => {
    const design = parseDesign(t.design);
    return renderAll(design).map((r) => ({ template: t.name, design, cluster: r.cluster, objects: r.objects }));
  });
}

export interface Container {
  name: string;
  image: string;
  args?: string[];
  env?: { name: string }[];
}

/** Containers of a Deployment or StatefulSet. */
export function containersOf(o: KubeObject): Container[] {
  const spec = o.spec as { template?: { spec?: { containers?: Container[] } } } | undefined;
  return spec?.template?.spec?.containers ?? [];
}

/** A one-cluster design built from parts, for focused tests. */
export function oneCluster(
  components: DesignInput["components"],
  connections: DesignInput["connections"] = [],
  cluster: Record<string, unknown> = {},
): Design {
  return parseDesign({
    name: "Test design",
    components: [
      { id: "cl", kind: "cluster", name: "test", settings: { namespace: "mon", ...cluster } },
      ...components.map((c) => ({ cluster: c.kind === "objectStore" ? undefined : "cl", ...c })),
    ],
    connections,
  });
}

export function byKind(objects: KubeObject[], kind: string): KubeObject[] {
  return objects.filter((o) => o.kind === kind);
}

export function find(objects: KubeObject[], kind: string, name: string): KubeObject {
  const o = objects.find((x) => x.kind === kind && x.metadata.name === name);
  if (!o) throw new Error(`no ${kind} ${name} among ${objects.map((x) => `${x.kind}/${x.metadata.name}`).join(", ")}`);
  return o;
}
