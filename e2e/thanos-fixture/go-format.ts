/**
 * Writers that reproduce how Go (encoding/json, strconv, client_golang's expfmt) prints values, so the
 * fixture's bytes look like a real Thanos process's and parsers are tested against the real spelling.
 */

/** math.MinInt64 / math.MaxInt64 as Thanos writes them for unbounded store time ranges. */
export const MIN_INT64 = -9223372036854775808n;
export const MAX_INT64 = 9223372036854775807n;

/** time.Time.MarshalJSON: RFC3339 with the fraction's trailing zeros removed, in UTC here. */
export function goTimeJson(date: Date): string {
  const iso = date.toISOString(); // 2026-11-21T12:00:00.120Z
  return iso.replace(/\.(\d*?)0*Z$/, (_, digits: string) => (digits === "" ? "Z" : `.${digits}Z`));
}

/**
 * JSON.stringify that writes bigint values as bare integers, the way Go writes int64, instead of
 * throwing or rounding 9223372036854775807 to 9223372036854776000.
 */
export function goJson(value: unknown): string {
  const marker = "@@go-int64@@";
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? `${marker}${v.toString()}` : v));
  return text.replace(new RegExp(`"${marker}(-?\\d+)"`, "g"), "$1");
}

/** strconv.AppendFloat(f, 'g', -1, 64) as used by expfmt for sample values. */
export function goFloat(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  if (value === 0) return Object.is(value, -0) ? "-0" : "0";
  const [mantissa, exponentText] = value.toExponential().split("e");
  const exponent = Number(exponentText);
  // Shortest formatting switches to %e when the exponent is < -4 or >= 6 (Go uses precision 6 here).
  if (exponent < -4 || exponent >= 6) {
    return `${mantissa}e${exponent < 0 ? "-" : "+"}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  return String(value);
}

/** A label value escaped as in the text exposition format. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
}

export function formatSeries(name: string, labels: Record<string, string>, value: number): string {
  const names = Object.keys(labels).sort();
  const labelText =
    names.length === 0 ? "" : `{${names.map((n) => `${n}="${escapeLabelValue(labels[n])}"`).join(",")}}`;
  return `${name}${labelText} ${goFloat(value)}`;
}
