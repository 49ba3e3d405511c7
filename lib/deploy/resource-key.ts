// A Kubernetes object's identity as data, so nothing parses "apps/v1/StatefulSet ns/name" back apart.
// The version is carried for display and requests but is not part of identity: apps/v1 and apps/v1beta2
// name the same object.

export interface ResourceKey {
  /** API group; "" for the core group. */
  group: string;
  version?: string;
  kind: string;
  /** Absent for cluster-scoped objects. */
  namespace?: string;
  name: string;
}

export interface ObjectIdentity {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
}

export function keyOf(o: ObjectIdentity): ResourceKey {
  const slash = o.apiVersion.indexOf("/");
  return {
    group: slash < 0 ? "" : o.apiVersion.slice(0, slash),
    version: slash < 0 ? o.apiVersion : o.apiVersion.slice(slash + 1),
    kind: o.kind,
    ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
    name: o.metadata.name,
  };
}

export function apiVersionOf(k: ResourceKey): string {
  return k.group ? `${k.group}/${k.version ?? ""}` : (k.version ?? "");
}

/** How events, results and messages name an object: "apps/v1/StatefulSet ns/name" or "v1/Namespace name". */
export function formatKey(k: ResourceKey): string {
  return `${apiVersionOf(k)}/${k.kind} ${k.namespace ? `${k.namespace}/` : ""}${k.name}`;
}

/** "ns/name" or "name": the object's name as a person reads it next to its kind. */
export function displayName(k: ResourceKey): string {
  return k.namespace ? `${k.namespace}/${k.name}` : k.name;
}

/** A map key that ignores the version (see the note at the top). */
export function identityOf(k: ResourceKey): string {
  return `${k.group}/${k.kind}/${k.namespace ?? ""}/${k.name}`;
}

export function sameObject(a: ResourceKey, b: ResourceKey): boolean {
  return identityOf(a) === identityOf(b);
}
