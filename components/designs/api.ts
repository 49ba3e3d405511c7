// Browser calls to the designs API (contract: model-contract.md). Thin wrappers so pages and tests share them.
import { fetchJson } from "@/components/ui/fetch-json";
import type { Design, DesignInput } from "@/lib/topology/design";

export interface DesignSummary {
  id: string;
  name: string;
  owner: { id: string; name: string };
  latestRevision: number;
  approvedRevision: number | null;
  updatedAt: string;
  createdAt: string;
  /** The latest revision's description (the list searches it). */
  description: string;
  lint: { errors: number; warnings: number };
}

export interface DesignDetail extends Omit<DesignSummary, "lint" | "description"> {
  revision: number;
  design: Design;
}

export interface TemplateSummary {
  name: string;
  title: string;
  description: string;
  componentCount: number;
}

export interface RenderedCluster {
  name: string;
  yaml: string;
  objectCount: number;
}

export const designsApi = {
  list: () => fetchJson<{ designs: DesignSummary[] }>("/api/designs").then((r) => r.designs),
  get: (id: string) => fetchJson<DesignDetail>(`/api/designs/${encodeURIComponent(id)}`),
  create: (
    body:
      | { name: string; template: string }
      | { name: string; design: DesignInput; copyOf?: { design: string; revision: number } },
  ) => fetchJson<{ id: string; name: string; latestRevision: number }>("/api/designs", { body }),
  save: (id: string, body: { baseRevision: number; design: Design; message?: string }) =>
    fetchJson<{ revision: number }>(`/api/designs/${encodeURIComponent(id)}`, { method: "PUT", body }),
  rename: (id: string, name: string) =>
    fetchJson(`/api/designs/${encodeURIComponent(id)}`, { method: "PATCH", body: { name } }),
  remove: (id: string) => fetchJson(`/api/designs/${encodeURIComponent(id)}`, { method: "DELETE" }),
  duplicate: (id: string, name?: string) =>
    fetchJson<{ id: string }>(`/api/designs/${encodeURIComponent(id)}/duplicate`, { body: name ? { name } : {} }),
  templates: () => fetchJson<{ templates: TemplateSummary[] }>("/api/templates").then((r) => r.templates),
  template: (name: string) =>
    fetchJson<{ design: DesignInput }>(`/api/templates/${encodeURIComponent(name)}`).then((r) => r.design),
  /** `designId` for a saved design: its objects then carry the owner label deploy uses, never a slug of the name. */
  render: (design: Design, signal?: AbortSignal, designId?: string) =>
    fetchJson<{ clusters: RenderedCluster[] }>("/api/render", {
      body: designId ? { design, designId } : { design },
      signal,
    }),
};
