import type { Finding } from "@/lib/topology/lint/types";
import type { LintBadge } from "./nodes";

/** Per-component badge counts from lint findings (info findings carry no badge); the message is the first error's. */
export function lintBadges(findings: readonly Finding[]): Map<string, LintBadge> {
  const m = new Map<string, LintBadge>();
  for (const f of findings) {
    if (!f.componentId || f.severity === "info") continue;
    const b = m.get(f.componentId) ?? { errors: 0, warnings: 0, message: f.message };
    if (f.severity === "error") {
      if (b.errors === 0) b.message = f.message;
      b.errors++;
    } else b.warnings++;
    m.set(f.componentId, { ...b });
  }
  return m;
}
