import type { PrometheusSettings } from "./kinds/prometheus";
import { md5 } from "./md5";

/** Label the hashmod result is written to; `__`-prefixed labels are dropped after relabelling. */
export const HASHMOD_LABEL = "__tmp_hash";

/**
 * The shard Prometheus's `hashmod` relabel action assigns: md5 of the source label values joined by the
 * separator, the last 8 bytes read as a big-endian uint64, modulo `modulus`
 * (prometheus/model/relabel/relabel.go: `binary.BigEndian.Uint64(hash[8:]) % cfg.Modulus`).
 */
export function hashmodShard(sourceValues: string[], modulus: number, separator = ";"): number {
  if (!Number.isInteger(modulus) || modulus < 1)
    throw new RangeError(`hashmod modulus must be a positive integer, got ${modulus}`);
  const hash = md5(sourceValues.join(separator));
  const tail = new DataView(hash.buffer, hash.byteOffset + 8, 8).getBigUint64(0, false);
  return Number(tail % BigInt(modulus));
}

/** The modulus a Prometheus group's shards hash with: the explicit setting, else the shard count. */
export function hashmodModulus(settings: Pick<PrometheusSettings, "shards" | "hashmod">): number {
  return settings.hashmod.modulus ?? settings.shards;
}

/**
 * The relabel_configs every scrape job of shard `shard` gets. Empty for functional sharding and for a single
 * unsharded group. With keepRule off only the hashmod step is emitted — every shard then scrapes every target,
 * which the `hashmod-shards` lint rule reports.
 */
export function shardRelabelConfigs(
  settings: Pick<PrometheusSettings, "shards" | "sharding" | "hashmod">,
  shard: number,
): Record<string, unknown>[] {
  if (!Number.isInteger(shard) || shard < 0 || shard >= settings.shards)
    throw new RangeError(`shard must be between 0 and ${settings.shards - 1}, got ${shard}`);
  if (settings.sharding !== "hashmod") return [];
  const modulus = hashmodModulus(settings);
  if (settings.shards === 1 && modulus === 1) return [];
  const configs: Record<string, unknown>[] = [
    { source_labels: [...settings.hashmod.sourceLabels], modulus, target_label: HASHMOD_LABEL, action: "hashmod" },
  ];
  if (settings.hashmod.keepRule) configs.push({ source_labels: [HASHMOD_LABEL], regex: `^${shard}$`, action: "keep" });
  return configs;
}
