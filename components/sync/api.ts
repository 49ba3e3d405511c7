// Browser calls for sync status. Types come from the server's report module (type-only import).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/components/ui/fetch-json";
import type { ClusterSync, SyncReport, SyncStatus } from "@/server/sync/report";

export type { ClusterSync, SyncCause, SyncDifference, SyncReport, SyncStatus } from "@/server/sync/report";

/** `source` is a design id, or `share:<token>` for a share link that allows status. */
export function syncUrl(source: string): string {
  return source.startsWith("share:")
    ? `/api/share/${encodeURIComponent(source.slice(6))}/sync`
    : `/api/designs/${encodeURIComponent(source)}/sync`;
}

/** The server shares one answer for 30 s however many ask; polling at half that picks each refresh up soon after. */
export const SYNC_POLL_MS = 15_000;

/**
 * Sync status of one design (or share link), polled. `revision` (the saved revision on screen) is part of
 * the key, so a save asks again at once instead of at the next poll.
 */
export function useSync(source: string, revision?: number) {
  return useQuery({
    queryKey: ["sync", source, revision ?? null],
    queryFn: ({ signal }) => fetchJson<SyncReport>(syncUrl(source), { signal }),
    refetchInterval: SYNC_POLL_MS,
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: false,
    staleTime: 5_000,
    retry: false,
    placeholderData: (previous) => previous,
  });
}

/** Compare with the cluster now (someone just changed it by hand); every badge of the design shows the answer. */
export function useSyncRecheck(source: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson<SyncReport>(`${syncUrl(source)}?recheck=1`),
    onSuccess: (report) => qc.setQueriesData<SyncReport>({ queryKey: ["sync", source] }, report),
  });
}

/**
 * One word for a whole design (the designs list, the editor header): any OutOfSync wins, then Unknown.
 * "not-deployed" when nothing was ever deployed or bound: a draft is not a problem to flag.
 */
export function overallSync(
  clusters: readonly Pick<ClusterSync, "status" | "cause">[],
): SyncStatus | "not-deployed" | null {
  if (clusters.length === 0) return null;
  if (clusters.every((c) => c.cause === "never-deployed" || c.cause === "unbound")) return "not-deployed";
  if (clusters.some((c) => c.status === "OutOfSync")) return "OutOfSync";
  if (clusters.some((c) => c.status === "Unknown")) return "Unknown";
  return "Synced";
}
