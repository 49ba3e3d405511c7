/**
 * Bucket listings cost one GET per block and change on a two-hour rhythm, so one listing per bucket
 * (endpoint, bucket, prefix, key id) is shared for `BUCKET_TTL_MS`; failed listings are not kept.
 */
import { SingleFlightCache } from "./cache";
import { defaultListBucket, type ListBucket } from "./live";

export const BUCKET_TTL_MS = Number(process.env.STUDIO_BUCKET_TTL_MS ?? 30_000);

export function cachedBucketLister(ttlMs = BUCKET_TTL_MS, list: ListBucket = defaultListBucket): ListBucket {
  const listings = new SingleFlightCache<Awaited<ReturnType<ListBucket>>>(ttlMs, 200);
  return (access, init) =>
    listings.get(
      `${access.endpoint ?? "aws"}|${access.region ?? ""}|${access.bucket}|${access.prefix ?? ""}|${access.accessKeyId}`,
      () => list(access, init),
      (result) => result.ok,
    );
}
