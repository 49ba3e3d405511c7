/**
 * The body of `GET /api/designs/:id/sync`: Argo CD's sync words per cluster node of the design. Plain data
 * with no server-only imports, so the browser imports these types too.
 */

/** Synced: live is the deployed revision and the latest renders the same. Unknown: we could not tell. */
export const SYNC_STATUSES = ["Synced", "OutOfSync", "Unknown"] as const;
export type SyncStatus = (typeof SYNC_STATUSES)[number];

/**
 * Why a cluster has its status, as a word a UI can branch on (`reason` says it in a sentence):
 * unbound / cluster-missing / never-deployed / unreachable / unreadable → Unknown;
 * latest-not-deployed / live-differs → OutOfSync; in-sync → Synced.
 */
export type SyncCause =
  | "in-sync"
  | "latest-not-deployed"
  | "live-differs"
  | "unbound"
  | "cluster-missing"
  | "never-deployed"
  | "unreachable"
  | "unreadable"
  | "namespace-not-allowed";

/**
 * One way live differs from the deployed revision. `changed`: a field differs (live → desired);
 * `missing`: the deployed revision has the object, the cluster does not; `extra`: the cluster has an object
 * the studio applied for this design that the deployed revision no longer renders (a deploy would prune it).
 */
export interface SyncDifference {
  /** `Kind/namespace/name`, or `Kind/name` for cluster-scoped objects. */
  object: string;
  change: "changed" | "missing" | "extra";
  /** Dotted path with list indexes, for `changed`. */
  field?: string;
  /** The live value; absent when live lacks the field. Secret values read "(secret value)". */
  live?: unknown;
  /** The deployed revision's value; absent when applying would remove the field. */
  desired?: unknown;
}

export interface ClusterSync {
  /** The design's cluster node name. */
  cluster: string;
  status: SyncStatus;
  cause: SyncCause;
  /** One sentence a user can act on. */
  reason: string;
  /** The revision last deployed to the registered cluster this node is bound to; null when never. */
  deployedRevision: number | null;
  latestRevision: number;
  /** Live against the deployed revision; empty when they agree or could not be compared. */
  differences: SyncDifference[];
  /** When the cluster was read (ISO); null when nothing was read (unbound, never deployed). */
  checkedAt: string | null;
}

export interface SyncReport {
  designId: string;
  latestRevision: number;
  clusters: ClusterSync[];
  checkedAt: string;
}
