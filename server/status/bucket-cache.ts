/**
 * Bucket listings cost one GET per block and change on a two-hour rhythm, so one listing per bucket
 * (endpoint, bucket, prefix and every credential) is shared for `BUCKET_TTL_MS`; failed listings are not kept.
 */
import { SingleFlightCache } from "./cache";
import { createHash } from "node:crypto";
import type { ObjectStoreAccess } from "./bucket";
import { defaultListBucket, type ListBucket } from "./live";

/**
 * Every field that decides what a listing may see, credentials included: two designs naming one bucket
 * with different keys must not share an answer. The key is hashed so no secret sits in memory as text.
 */
export function listingKey(access: ObjectStoreAccess): string {
  const fields = [
    access.endpoint ?? "aws",
    access.region ?? "",
    access.bucket,
    access.prefix ?? "",
    access.accessKeyId,
    access.secretAccessKey,
    access.sessionToken ?? "",
    String(access.forcePathStyle ?? ""),
  ];
  return createHash("sha256").update(JSON.stringify(fields)).digest("hex");
}

export const BUCKET_TTL_MS = Number(process.env.STUDIO_BUCKET_TTL_MS ?? 30_000);

export function cachedBucketLister(ttlMs = BUCKET_TTL_MS, list: ListBucket = defaultListBucket): ListBucket {
  const listings = new SingleFlightCache<Awaited<ReturnType<ListBucket>>>(ttlMs, 200);
  return (access, init) =>
    listings.get(
      listingKey(access),
      () => list(access, init),
      (result) => result.ok,
    );
}
