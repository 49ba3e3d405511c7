/** Byte and CPU quantities as Kubernetes and Thanos spell them, read and written for the planner. */
export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;
export const TiB = 1024 * GiB;

const QUANTITY_SUFFIX: Record<string, number> = {
  "": 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: KiB,
  Mi: MiB,
  Gi: GiB,
  Ti: TiB,
  Pi: TiB * 1024,
  Ei: TiB * 1024 * 1024,
};

/** `500m` → 0.5, `4Gi` → 4294967296; undefined when absent or unreadable. */
export function parseQuantity(q: string | undefined): number | undefined {
  if (q === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/.exec(q);
  return m ? Number(m[1]) * QUANTITY_SUFFIX[m[2] ?? ""] : undefined;
}

/** Thanos byte flags (`--index-cache-size=250MB`) are base-2 (alecthomas/units Base2Bytes): MB = MiB. */
export function parseThanosBytes(s: string): number {
  const m = /^(\d+)(KB|MB|GB|TB|KiB|MiB|GiB|TiB|B)$/.exec(s);
  if (!m) return 0;
  const unit = { B: 1, KB: KiB, KiB, MB: MiB, MiB, GB: GiB, GiB, TB: TiB, TiB }[m[2]]!;
  return Number(m[1]) * unit;
}

/** Memory request: whole MiB, rounded up (`1536Mi`), or whole GiB from 16 GiB (`24Gi`). */
export function memoryQuantity(bytes: number): string {
  return bytes >= 16 * GiB ? `${Math.ceil(bytes / GiB)}Gi` : `${Math.max(1, Math.ceil(bytes / MiB))}Mi`;
}

/** Volume size: whole GiB, rounded up, at least 1Gi. */
export function storageQuantity(bytes: number): string {
  return `${Math.max(1, Math.ceil(bytes / GiB))}Gi`;
}

/** CPU request in millicores, rounded up to 50m, at least 50m. */
export function cpuQuantity(cores: number): string {
  const milli = Math.max(50, Math.ceil((cores * 1000) / 50) * 50);
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** `1.5 GiB`, `820 MiB`, `3.2 TiB`: for reading, not for manifests. */
export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 || i === 0 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}

/** `1.2M series`, `33k`: compact counts. */
export function formatCount(n: number): string {
  if (n >= 1e9) return `${+(n / 1e9).toFixed(1)}G`;
  if (n >= 1e6) return `${+(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${+(n / 1e3).toFixed(1)}k`;
  return String(Math.round(n));
}
