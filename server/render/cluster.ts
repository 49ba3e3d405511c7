import type { ComponentOf } from "@/lib/topology";
import { renderExposure } from "./exposure";
import { COMPONENT_ANNOTATION, MANAGED_BY, OWNER_LABEL } from "./labels";
import type { KubeObject, RenderContext } from "./types";

/** The cluster node renders its Namespace (everything else of the design lives in it) and what exposes it to other clusters. */
export function renderCluster(ctx: RenderContext, c: ComponentOf<"cluster">): KubeObject[] {
  return [
    {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: {
        name: c.settings.namespace,
        labels: {
          "app.kubernetes.io/part-of": ctx.designId,
          "app.kubernetes.io/managed-by": MANAGED_BY,
          [OWNER_LABEL]: ctx.designId,
        },
        annotations: { [COMPONENT_ANNOTATION]: c.id },
      },
    },
    ...renderExposure(ctx),
  ];
}
