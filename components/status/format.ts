// Small display helpers for the live view (times, durations, label sets).
import { HEALTH_STATUSES, type HealthStatus } from "@/lib/health";

/** `42s`, `5m`, `3h 10m`, `2d 4h` */
export function age(ms: number): string {
  if (!Number.isFinite(ms)) return "never";
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h${m % 60 ? ` ${m % 60}m` : ""}`;
  return `${Math.floor(h / 24)}d${h % 24 ? ` ${h % 24}h` : ""}`;
}

/** Local `YYYY-MM-DD HH:MM` for block bounds and check times. */
export function stamp(ms: number | string | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return "—";
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function clock(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

export function labelPairs(labels: Record<string, string>): string[] {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`);
}

export function resolutionName(ms: number): string {
  if (ms === 0) return "raw";
  if (ms === 300_000) return "5m";
  if (ms === 3_600_000) return "1h";
  return `${Math.round(ms / 1000)}s`;
}

/** Badges say the health word itself (lib/health.ts), the same one deploy progress uses. */
export const STATE_LABEL: Record<HealthStatus, string> = Object.fromEntries(
  HEALTH_STATUSES.map((h) => [h, h]),
) as Record<HealthStatus, string>;
