import { formatBytes } from "@/lib/topology/sizing";

/** `0.45 cores`, `3.1 GiB`, or a dash for "not set". */
export const cores = (n: number | null | undefined) =>
  n === null || n === undefined ? "—" : `${+n.toFixed(2)} ${+n.toFixed(2) === 1 ? "core" : "cores"}`;
export const bytes = (n: number | null | undefined) => (n === null || n === undefined ? "—" : formatBytes(n));

/** A planning horizon as people say it: `40 days`, `13 months`. */
export function span(seconds: number): string {
  const days = seconds / 86_400;
  return days < 60 ? `${Math.round(days)} days` : `${Math.round(days / 30)} months`;
}
