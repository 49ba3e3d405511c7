import { lintDesign } from "@/lib/topology/lint";
import type { Finding } from "@/lib/topology/lint/types";
import type { Design } from "@/lib/topology/design";
import type { LintBadge } from "./nodes";
import { sameForGeometry } from "./lod/geometry-only";

/** Per-component badge counts from lint findings (info findings carry no badge); the message is the first error's. */
function lintBadges(findings: readonly Finding[]): Map<string, LintBadge> {
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

export interface DesignLint {
  findings: Finding[];
  badges: Map<string, LintBadge>;
  /** Connections with an error, drawn red. */
  edgeErrors: Set<string>;
  errors: number;
  warnings: number;
}

/**
 * Lint findings of a document with what the canvas and the tab counts need from them: computed once however
 * many panels show it, and not again while a drag only moves components (1,000 components lint in ~80 ms).
 */
export const designLint = sameForGeometry(function designLint(design: Design): DesignLint {
  let findings: Finding[];
  try {
    findings = lintDesign(design);
  } catch {
    // A half-edited document may not lint; the save path validates it and says why.
    findings = [];
  }
  const result: DesignLint = {
    findings,
    badges: lintBadges(findings),
    edgeErrors: new Set(findings.filter((f) => f.severity === "error" && f.connectionId).map((f) => f.connectionId!)),
    errors: findings.filter((f) => f.severity === "error").length,
    warnings: findings.filter((f) => f.severity === "warning").length,
  };
  return result;
});
