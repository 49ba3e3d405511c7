/**
 * The releases Topology Studio renders for, generated from each project's tags by
 * scripts/generate-flag-lists.ts (never edited by hand). Only which releases exist lives here, so lint can
 * run in the browser cheaply; the per-release flag lists (thanos.json, prometheus.json, alertmanager.json)
 * are read by render on the server.
 */
import supported from "./supported.json" with { type: "json" };

export type Product = keyof typeof supported;
export const PRODUCTS = Object.keys(supported) as Product[];

export interface MinorRelease {
  /** "0.42" */
  minor: string;
  /** The latest patch tag: the one whose flag reference the lists are read from. */
  tag: string;
  /** Every final tag of the minor. */
  tags: readonly string[];
}

export const SUPPORTED_RELEASES: Record<Product, readonly MinorRelease[]> = supported;

export const PRODUCT_LABEL: Record<Product, string> = {
  thanos: "Thanos",
  prometheus: "Prometheus",
  alertmanager: "Alertmanager",
};

/** "v0.42.4" → "0.42"; null when it is not a version. */
export function minorOf(version: string): string | null {
  const m = /^v?(\d+)\.(\d+)/.exec(version);
  return m ? `${Number(m[1])}.${Number(m[2])}` : null;
}

/** The supported minor a version belongs to, or undefined when render holds no flag list for it. */
export function releaseOf(product: Product, version: string): MinorRelease | undefined {
  const minor = minorOf(version);
  return SUPPORTED_RELEASES[product].find((r) => r.minor === minor);
}

/** "v0.24 – v0.42" (Prometheus: "v2.53, v3.0 – v3.14"): what an unsupported version is told. */
export function supportedRange(product: Product): string {
  const byMajor = new Map<string, string[]>();
  for (const r of SUPPORTED_RELEASES[product]) {
    const major = r.minor.split(".")[0];
    byMajor.set(major, [...(byMajor.get(major) ?? []), r.minor]);
  }
  return [...byMajor.values()]
    .map((minors) => (minors.length === 1 ? `v${minors[0]}` : `v${minors[0]} – v${minors[minors.length - 1]}`))
    .join(", ");
}
