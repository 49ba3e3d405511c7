"use client";
// React Query hooks keyed by a panel source: the same panel reads a design (signed in) or a share link.
import { useEffect, useState } from "react";
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { designsApi, type RenderedCluster } from "@/components/designs/api";
import { fetchJson } from "@/components/ui/fetch-json";
import type { Design } from "@/lib/topology/design";
import type { CommentThread } from "@/server/comments/service";
import { commentsUrl, fetchRevisionManifests, sourceKey, type PanelSource } from "./source";

/** `value`, once it has stopped changing for `ms` (the first value at once). */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

// Documents are immutable values: number each one once so a query key names it without serialising it.
const documentIds = new WeakMap<Design, number>();
let nextDocumentId = 0;
function documentId(d: Design): number {
  let id = documentIds.get(d);
  if (id === undefined) documentIds.set(d, (id = ++nextDocumentId));
  return id;
}

const clusterNames = (d: Design) => d.components.filter((c) => c.kind === "cluster").map((c) => c.name);
// Each object of the multi-document YAML starts its own top-level `kind:` line.
const countObjects = (yaml: string) => yaml.match(/^kind: /gm)?.length ?? 0;

/** A cluster that gets manifests: its YAML once loaded (a share link loads them one by one). */
export type ClusterManifests = { name: string } & Partial<Omit<RenderedCluster, "name">>;

export interface ManifestsState {
  /** The clusters that get manifests (YAML and counts where loaded); null until known. */
  clusters: ClusterManifests[] | null;
  /** The shown cluster's YAML, once rendered. */
  current?: RenderedCluster;
  error: Error | null;
  fetching: boolean;
  refetch(): void;
  /** Every cluster's YAML (for the zip download). */
  loadAll(): Promise<RenderedCluster[]>;
}

/**
 * Manifests of the source's document. A design renders its in-memory document through POST /api/render
 * (debounced: typing in the inspector should not fire a render per keystroke); a share link reads the
 * shown revision cluster by cluster (every cluster once `all` is asked, e.g. to search them). Both are
 * masked by the server. A design always renders under its id, so the objects are labelled as deployed.
 */
export function useManifests(source: PanelSource, active: string | undefined, all = false): ManifestsState {
  const qc = useQueryClient();
  const draft = useDebounced(source.document, 350);
  const isDesign = source.kind === "design";
  const rendered = useQuery<RenderedCluster[]>({
    queryKey: [...sourceKey(source), "render", documentId(draft)],
    queryFn: ({ signal }) =>
      designsApi.render(draft, signal, isDesign ? source.designId : undefined).then((r) => r.clusters),
    enabled: isDesign,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    retry: false,
  });

  const names = clusterNames(source.document);
  const shareCluster = active !== undefined && names.includes(active) ? active : names[0];
  const revisionQuery = (cluster: string) => ({
    queryKey: [...sourceKey(source), "manifests", source.revision, cluster],
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      fetchRevisionManifests(source, source.revision, cluster, signal).then((yaml): RenderedCluster => ({
        name: cluster,
        yaml,
        objectCount: countObjects(yaml),
      })),
    // Saved revisions never change.
    staleTime: Infinity,
  });
  const stored = useQueries({
    queries: names.map((name) => ({ ...revisionQuery(name), enabled: !isDesign && (all || name === shareCluster) })),
  });
  const shown = stored[names.indexOf(shareCluster ?? "")];

  if (isDesign) {
    const clusters = rendered.data ?? null;
    return {
      clusters,
      current: clusters?.find((c) => c.name === active) ?? clusters?.[0],
      error: rendered.error,
      fetching: rendered.isFetching,
      refetch: () => void rendered.refetch(),
      loadAll: async () => rendered.data ?? [],
    };
  }
  return {
    clusters: names.map((name, i) => stored[i].data ?? { name }),
    current: shown?.data,
    error: shown?.error ?? null,
    fetching: stored.some((q) => q.isFetching),
    refetch: () => void shown?.refetch(),
    loadAll: () => Promise.all(names.map((n) => qc.fetchQuery(revisionQuery(n)))),
  };
}

/** Comment threads of the source, polled so comments written elsewhere show up without a reload. */
export function useComments(source: PanelSource, pollMs: number, enabled = true) {
  return useQuery({
    queryKey: [...sourceKey(source), "comments"],
    queryFn: () => fetchJson<{ comments: CommentThread[] }>(commentsUrl(source)).then((r) => r.comments),
    refetchInterval: pollMs,
    retry: false,
    enabled,
  });
}

/** How many threads are still open (the count on a Comments tab). */
export function useOpenCommentCount(source: PanelSource, pollMs: number, enabled = true): number {
  return (useComments(source, pollMs, enabled).data ?? []).filter((t) => !t.resolvedAt).length;
}

export interface NewComment {
  body: string;
  componentId?: string | null;
  parentId?: string;
  displayName?: string;
}

/** Post and resolve; both refresh the threads. Only signed-in design sources resolve. */
export function useCommentActions(source: PanelSource) {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: [...sourceKey(source), "comments"] });
  const post = useMutation({
    mutationFn: (c: NewComment) => fetchJson(commentsUrl(source), { body: { ...c, revision: source.revision } }),
    onSuccess: refresh,
  });
  const resolve = useMutation({
    mutationFn: ({ id, resolved }: { id: string; resolved: boolean }) =>
      fetchJson(`${commentsUrl(source)}/${encodeURIComponent(id)}`, { method: "PATCH", body: { resolved } }),
    onSuccess: refresh,
  });
  return { post, resolve };
}
