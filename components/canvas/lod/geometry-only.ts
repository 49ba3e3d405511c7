// A drag replaces the moved components on every frame. Lint and sizing do not read positions, so a
// document that differs from the last one only in where components are reuses what was computed for it.
import type { Design } from "@/lib/topology/design";

/**
 * True when `b` is `a` with components moved: every other field the same object, the same components in
 * the same order with the same id, kind, name, cluster and settings (a cluster's size is in its settings).
 */
export function sameButGeometry(a: Design, b: Design): boolean {
  if (a === b) return true;
  if (a.components.length !== b.components.length) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof Design>;
  for (const k of keys) if (k !== "components" && a[k] !== b[k]) return false;
  return a.components.every((c, i) => {
    const d = b.components[i];
    return (
      c === d ||
      (c.id === d.id && c.kind === d.kind && c.name === d.name && c.cluster === d.cluster && c.settings === d.settings)
    );
  });
}
