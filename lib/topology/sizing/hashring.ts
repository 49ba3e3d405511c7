import { xxhash64 } from "./xxhash64";

/**
 * Thanos Receive's series placement, ported from thanos-io/thanos pkg/receive/hashring.go (commit e103a81):
 * `simpleHashring` (hashmod) and `ketamaHashring` (consistent hashing, 1000 sections per endpoint), both keyed
 * by `labelpb.HashWithPrefix(tenant, labels)`. Used to answer "how many endpoints may fail" and "what moves
 * when the ring changes" before a ring is deployed. Availability zones and shuffle sharding are not modelled.
 */
export type HashringAlgorithm = "hashmod" | "ketama";

/** hashring.go `SectionsPerNode`. */
export const SECTIONS_PER_NODE = 1000;

export interface Label {
  name: string;
  value: string;
}

const SEP = 0xff;
const encoder = new TextEncoder();

/**
 * labelpb.HashWithPrefix: xxhash64 of `tenant ␣ name ␣ value ␣ …` with 0xff separators. Labels are hashed in
 * the order given; Prometheus sends them sorted by name, so callers pass them sorted.
 */
export function hashWithPrefix(tenant: string, labels: readonly Label[]): bigint {
  const parts: Uint8Array[] = [encoder.encode(tenant), Uint8Array.of(SEP)];
  for (const l of labels)
    parts.push(encoder.encode(l.name), Uint8Array.of(SEP), encoder.encode(l.value), Uint8Array.of(SEP));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return xxhash64(out);
}

export interface Hashring {
  readonly endpoints: readonly string[];
  /** The endpoints holding replicas 0…replicationFactor−1 of one series, as `GetN(tenant, ts, n)` for each n. */
  replicasOf(hash: bigint): number[];
}

/** hashmod: endpoints sorted by address; replica n of a series goes to `(hash + n) mod len`. */
export function hashmodRing(endpoints: readonly string[], replicationFactor: number): Hashring {
  checkRing(endpoints, replicationFactor);
  const sorted = [...endpoints].sort();
  const len = BigInt(sorted.length);
  return {
    endpoints: sorted,
    replicasOf: (hash) => Array.from({ length: replicationFactor }, (_, n) => Number((hash + BigInt(n)) % len)),
  };
}

/**
 * ketama: each endpoint owns `sections` points `xxhash64("<address>:<i>")`, i = 1…sections, on a sorted ring; a
 * series goes to the first section whose hash ≥ its own (wrapping), and its replicas to the next sections owned
 * by other endpoints (calculateSectionReplicas). Endpoints keep their configured order.
 */
export function ketamaRing(
  endpoints: readonly string[],
  replicationFactor: number,
  sections = SECTIONS_PER_NODE,
): Hashring {
  checkRing(endpoints, replicationFactor);
  const ring: { hash: bigint; endpoint: number }[] = [];
  endpoints.forEach((address, endpoint) => {
    for (let i = 1; i <= sections; i++) ring.push({ hash: xxhash64(`${address}:${i}`), endpoint });
  });
  ring.sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
  const replicas = ring.map((_, i) => {
    const owners: number[] = [];
    for (let j = i; owners.length < replicationFactor; j = (j + 1) % ring.length)
      if (!owners.includes(ring[j].endpoint)) owners.push(ring[j].endpoint);
    return owners;
  });
  return {
    endpoints: [...endpoints],
    replicasOf(hash) {
      // sort.Search: the first section with hash ≥ v; past the end wraps to 0.
      let lo = 0;
      let hi = ring.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (ring[mid].hash >= hash) hi = mid;
        else lo = mid + 1;
      }
      return replicas[lo === ring.length ? 0 : lo];
    },
  };
}

function checkRing(endpoints: readonly string[], replicationFactor: number) {
  if (!Number.isInteger(replicationFactor) || replicationFactor < 1)
    throw new RangeError(`replication factor must be a positive integer, got ${replicationFactor}`);
  if (endpoints.length < replicationFactor)
    throw new RangeError(`${endpoints.length} endpoints cannot hold ${replicationFactor} replicas of a series`);
}

export function makeRing(
  algorithm: HashringAlgorithm,
  endpoints: readonly string[],
  replicationFactor: number,
): Hashring {
  return algorithm === "ketama" ? ketamaRing(endpoints, replicationFactor) : hashmodRing(endpoints, replicationFactor);
}

/** handler.go `writeQuorum`: RF/2+1, except RF=2 needs one success (so it matches two HA Prometheus replicas). */
export function writeQuorum(replicationFactor: number): number {
  return replicationFactor === 2 ? 1 : Math.floor(replicationFactor / 2) + 1;
}

/** Any this many endpoints may be down and every series still reaches its write quorum. */
export function failureTolerance(replicationFactor: number): number {
  return replicationFactor - writeQuorum(replicationFactor);
}

/** A deterministic sample of series to place: `{__name__="sim_series", i="<n>"}` for tenant `tenant`. */
export function sampleHashes(count: number, tenant = "default-tenant"): bigint[] {
  return Array.from({ length: count }, (_, i) =>
    hashWithPrefix(tenant, [
      { name: "__name__", value: "sim_series" },
      { name: "i", value: String(i) },
    ]),
  );
}

export interface RingSimulation {
  algorithm: HashringAlgorithm;
  endpoints: number;
  replicationFactor: number;
  writeQuorum: number;
  /** Endpoints that may be down at once without failing a write. */
  failureTolerance: number;
  /** Share of all series replicas each endpoint holds (sums to 1), in `endpoints` order. */
  shareByEndpoint: { endpoint: string; share: number }[];
  /** Largest share over the fair share 1/endpoints (1 = perfectly even). */
  imbalance: number;
  /** Share of series whose first (primary) endpoint changes when one endpoint is added at the end. */
  movedOnAdd: number;
  /** … when the last endpoint is removed. */
  movedOnRemove: number | null;
}

function moved(a: Hashring, b: Hashring, hashes: readonly bigint[]): number {
  let n = 0;
  for (const h of hashes) if (a.endpoints[a.replicasOf(h)[0]] !== b.endpoints[b.replicasOf(h)[0]]) n++;
  return n / hashes.length;
}

/** Place a sample of series on the ring and on the ring with one endpoint more and one fewer. */
export function simulateRing(
  algorithm: HashringAlgorithm,
  endpoints: readonly string[],
  replicationFactor: number,
  samples = 4000,
): RingSimulation {
  const ring = makeRing(algorithm, endpoints, replicationFactor);
  const hashes = sampleHashes(samples);
  const counts = new Array<number>(ring.endpoints.length).fill(0);
  for (const h of hashes) for (const e of ring.replicasOf(h)) counts[e]++;
  const total = hashes.length * replicationFactor;
  const shareByEndpoint = ring.endpoints.map((endpoint, i) => ({ endpoint, share: counts[i] / total }));
  const extra = makeRing(algorithm, [...endpoints, nextEndpointName(endpoints)], replicationFactor);
  const fewer =
    endpoints.length - 1 >= replicationFactor && endpoints.length > 1
      ? makeRing(algorithm, endpoints.slice(0, -1), replicationFactor)
      : null;
  return {
    algorithm,
    endpoints: endpoints.length,
    replicationFactor,
    writeQuorum: writeQuorum(replicationFactor),
    failureTolerance: failureTolerance(replicationFactor),
    shareByEndpoint,
    imbalance: Math.max(...shareByEndpoint.map((s) => s.share)) * ring.endpoints.length,
    movedOnAdd: moved(ring, extra, hashes),
    movedOnRemove: fewer ? moved(ring, fewer, hashes) : null,
  };
}

/** The address a StatefulSet's next pod would get: `name-3.svc…` after `name-2.svc…`, else `<last>-next`. */
function nextEndpointName(endpoints: readonly string[]): string {
  const last = endpoints[endpoints.length - 1] ?? "endpoint-0:10901";
  const m = /^(.*-)(\d+)(\..*|:.*)$/.exec(last);
  return m ? `${m[1]}${endpoints.length}${m[3]}` : `${last}-next`;
}
