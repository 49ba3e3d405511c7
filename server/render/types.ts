import type { ComponentOf, Design, DesignGraph, Versions } from "@/lib/topology";

/** A plain Kubernetes object as render emits it; kube applies it as is. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [k: string]: unknown;
}

export interface RenderOptions {
  /** Owner label value; default: slug of design.name. */
  designId?: string;
  /** "masked" (default) replaces every secret value with SECRET_MASK; deploy passes "clear" with decrypted values. */
  secrets?: "clear" | "masked";
}

/** Everything a kind module needs to render one component into one cluster. Built once per render(). */
export interface RenderContext {
  design: Design;
  graph: DesignGraph;
  cluster: ComponentOf<"cluster">;
  namespace: string;
  domain: string;
  designId: string;
  secrets: "clear" | "masked";
  versions: Versions;
}
