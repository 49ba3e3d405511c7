/**
 * XXH64 with seed 0, as github.com/cespare/xxhash/v2 `Sum64` computes it (the hash Thanos Receive places series
 * with). Written from the xxHash specification (github.com/Cyan4973/xxHash, doc/xxhash_spec.md) on BigInt,
 * which is fast enough for planning-size simulations (tens of thousands of hashes).
 */
const MASK = (1n << 64n) - 1n;
const P1 = 11400714785074694791n;
const P2 = 14029467366897019727n;
const P3 = 1609587929392839161n;
const P4 = 9650029242287828579n;
const P5 = 2870177450012600261n;

const rotl = (x: bigint, r: bigint) => ((x << r) | (x >> (64n - r))) & MASK;
const round = (acc: bigint, lane: bigint) => (rotl((acc + lane * P2) & MASK, 31n) * P1) & MASK;
const merge = (acc: bigint, v: bigint) => ((acc ^ round(0n, v)) * P1 + P4) & MASK;

const encoder = new TextEncoder();

export function xxhash64(input: string | Uint8Array): bigint {
  const b = typeof input === "string" ? encoder.encode(input) : input;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const n = b.length;
  let i = 0;
  let h: bigint;
  if (n >= 32) {
    let v1 = (P1 + P2) & MASK;
    let v2 = P2;
    let v3 = 0n;
    let v4 = (0n - P1) & MASK;
    for (; i + 32 <= n; i += 32) {
      v1 = round(v1, view.getBigUint64(i, true));
      v2 = round(v2, view.getBigUint64(i + 8, true));
      v3 = round(v3, view.getBigUint64(i + 16, true));
      v4 = round(v4, view.getBigUint64(i + 24, true));
    }
    h = (rotl(v1, 1n) + rotl(v2, 7n) + rotl(v3, 12n) + rotl(v4, 18n)) & MASK;
    h = merge(merge(merge(merge(h, v1), v2), v3), v4);
  } else h = P5;
  h = (h + BigInt(n)) & MASK;
  for (; i + 8 <= n; i += 8) h = (rotl(h ^ round(0n, view.getBigUint64(i, true)), 27n) * P1 + P4) & MASK;
  if (i + 4 <= n) {
    h = (rotl(h ^ ((BigInt(view.getUint32(i, true)) * P1) & MASK), 23n) * P2 + P3) & MASK;
    i += 4;
  }
  for (; i < n; i++) h = (rotl(h ^ ((BigInt(b[i]) * P5) & MASK), 11n) * P1) & MASK;
  h ^= h >> 33n;
  h = (h * P2) & MASK;
  h ^= h >> 29n;
  h = (h * P3) & MASK;
  h ^= h >> 32n;
  return h;
}
