import { stringify as yamlStringify } from "yaml";

/** YAML text for embedded documents (configs inside ConfigMaps and flags): no folding, no anchors. */
export function stringify(value: unknown): string {
  return yamlStringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
}
