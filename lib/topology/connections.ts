/** The typed connections a design may hold. Which kinds may start or end each one is declared by the kinds. */
export const CONNECTION_KINDS = [
  "uploadsTo",
  "storeApi",
  "remoteWrite",
  "downstream",
  "queries",
  "alerts",
  "cache",
] as const;
export type ConnectionKind = (typeof CONNECTION_KINDS)[number];

export const CONNECTION_TEXT: Record<ConnectionKind, { label: string; description: string }> = {
  uploadsTo: { label: "uploads to", description: "Reads and writes blocks in the bucket." },
  storeApi: { label: "StoreAPI", description: "Query fans out to this StoreAPI endpoint over gRPC." },
  remoteWrite: { label: "remote write", description: "Prometheus pushes samples to the receiver." },
  downstream: { label: "downstream", description: "Query Frontend forwards queries to this Query." },
  queries: { label: "queries", description: "Evaluates or displays queries through this endpoint." },
  alerts: { label: "alerts", description: "Sends firing alerts to Alertmanager." },
  cache: { label: "cache", description: "Uses memcached as its cache." },
};
