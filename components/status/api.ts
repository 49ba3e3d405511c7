// Browser calls for live status. Types come from the server's report module (type-only import).
import { fetchJson } from "@/components/ui/fetch-json";
import type { StatusReport } from "@/server/status/report";

export type {
  BucketGroupView,
  BucketView,
  ClusterStatusView,
  ComponentStatus,
  QueryStores,
  Signal,
  StatusReport,
  StatusState,
  StoreRow,
  UploaderView,
} from "@/server/status/report";

export const statusApi = {
  /** `source` is a design id, or `share:<token>` for a share link that allows status. */
  status: (source: string, signal?: AbortSignal) =>
    fetchJson<StatusReport>(
      source.startsWith("share:")
        ? `/api/share/${encodeURIComponent(source.slice(6))}/status`
        : `/api/designs/${encodeURIComponent(source)}/status`,
      { signal },
    ),
};

/** Polling delay: every 5 s while answers come, doubling per consecutive failure up to a minute. */
export function pollDelay(consecutiveFailures: number, baseMs = 5000, maxMs = 60_000): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, consecutiveFailures));
}
