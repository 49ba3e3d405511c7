// How sync status names an object: `Kind/namespace/name`, or `Kind/name` when it is cluster-scoped.
import type { ResourceKey } from "@/lib/deploy/resource-key";

export function objectName(key: Pick<ResourceKey, "kind" | "namespace" | "name">): string {
  return key.namespace ? `${key.kind}/${key.namespace}/${key.name}` : `${key.kind}/${key.name}`;
}
