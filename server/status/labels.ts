/** Label sets as Thanos treats them: unordered name → value maps, compared by content. */
export type Labels = Record<string, string>;

/** Canonical `{a="1",b="2"}` form (names sorted, values escaped as in PromQL) used as a map key. */
export function formatLabels(labels: Labels): string {
  const parts = Object.keys(labels)
    .sort()
    .map((name) => `${name}=${JSON.stringify(labels[name])}`);
  return `{${parts.join(",")}}`;
}

/** True when every label of `subset` is present in `labels` with the same value. */
export function containsLabels(labels: Labels, subset: Labels): boolean {
  return Object.entries(subset).every(([name, value]) => labels[name] === value);
}
