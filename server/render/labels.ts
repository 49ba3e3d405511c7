import type { Component } from "@/lib/topology";
import type { RenderContext } from "./types";

/** Marks every object a design owns: deploy prunes by it, status finds workloads by it. */
export const OWNER_LABEL = "topology-studio.dev/design";
export const MANAGED_BY = "topology-studio";
/** Annotation naming the design component an object came from (ids may not be valid label values). */
export const COMPONENT_ANNOTATION = "topology-studio.dev/component-id";
/** Pod label carrying a Prometheus shard's index (selectors of one shard's StatefulSet include it). */
export const SHARD_LABEL = "topology-studio.dev/shard";
/** StoreAPI pods carry it, as in the documents, so one headless Service can select them all. */
export const STORE_API_LABEL = "thanos-store-api";

/** A design name as a label value: lower-case, [a-z0-9-], ≤ 63 characters, alphanumeric at both ends. */
export function designSlug(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, 63)
    .replace(/^-+|-+$/g, "");
  return s || "design";
}

export interface AppIdentity {
  /** app.kubernetes.io/name, e.g. `thanos-query`. */
  app: string;
  /** app.kubernetes.io/component, e.g. `query-layer`. */
  component: string;
  version: string;
}

/** Selector labels: the recommended ones that never change over an object's life (no version). */
export function selectorLabels(c: Component, id: AppIdentity): Record<string, string> {
  return {
    "app.kubernetes.io/name": id.app,
    "app.kubernetes.io/instance": c.name,
    "app.kubernetes.io/component": id.component,
  };
}

/** Recommended `app.kubernetes.io/*` labels plus the owner label. */
export function objectLabels(ctx: RenderContext, c: Component, id: AppIdentity): Record<string, string> {
  return {
    ...selectorLabels(c, id),
    "app.kubernetes.io/version": labelValue(id.version),
    "app.kubernetes.io/part-of": ctx.designId,
    "app.kubernetes.io/managed-by": MANAGED_BY,
    [OWNER_LABEL]: ctx.designId,
  };
}

/** Clamp arbitrary text (an image tag) into a valid label value. */
export function labelValue(v: string): string {
  return (
    v
      .replace(/[^A-Za-z0-9_.-]/g, "_")
      .slice(0, 63)
      .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, "") || "unknown"
  );
}

/** Every pod of one component, whatever its kind: the instance and design labels all rendered pods carry. */
export function componentPodSelector(ctx: RenderContext, c: Component): Record<string, string> {
  return { "app.kubernetes.io/instance": c.name, "app.kubernetes.io/part-of": ctx.designId };
}
