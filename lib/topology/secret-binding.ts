// A kept secret stays bound to what it was entered for. SECRET_MASK on save means "keep the stored
// value", but only while the settings that say where the secret is sent are unchanged: re-pointing an
// Object Store at another endpoint or bucket must not carry someone else's keys along.
import { KINDS, type ComponentKind } from "./catalog";
import type { Design } from "./design";
import { SECRET_MASK } from "./primitives";

/** Per kind: the settings a kind's secrets are bound to. */
export const SECRET_BINDINGS: Partial<Record<ComponentKind, readonly string[]>> = {
  objectStore: ["provider", "endpoint", "bucket", "region"],
};

export interface ReboundSecret {
  componentIndex: number;
  componentId: string;
  path: string;
  /** Which bound settings changed. */
  changed: string[];
}

/** Masked (kept) secrets in `incoming` whose component changed a setting the secret is bound to. */
export function reboundSecrets(incoming: Design, previous: Design): ReboundSecret[] {
  const before = new Map(previous.components.map((c) => [c.id, c]));
  const out: ReboundSecret[] = [];
  incoming.components.forEach((c, componentIndex) => {
    const bound = SECRET_BINDINGS[c.kind];
    const old = before.get(c.id);
    if (!bound || !old) return;
    const now = c.settings as Record<string, unknown>;
    const then = old.settings as Record<string, unknown>;
    const changed = old.kind !== c.kind ? ["kind"] : bound.filter((key) => (now[key] ?? null) !== (then[key] ?? null));
    if (changed.length === 0) return;
    for (const path of KINDS[c.kind].secretPaths)
      if (now[path] === SECRET_MASK) out.push({ componentIndex, componentId: c.id, path, changed });
  });
  return out;
}
