import { KINDS } from "./catalog";
import type { Design } from "./design";
import { SECRET_MASK } from "./primitives";

/** Every secret value slot in a design, whether set or not. */
export interface SecretSlot {
  componentId: string;
  path: string;
  value: string | undefined;
}

export function secretSlots(d: Design): SecretSlot[] {
  const slots: SecretSlot[] = [];
  for (const c of d.components) {
    const settings = c.settings as Record<string, unknown>;
    for (const path of KINDS[c.kind].secretPaths) {
      const v = settings[path];
      slots.push({ componentId: c.id, path, value: typeof v === "string" ? v : undefined });
    }
  }
  return slots;
}

/** A copy of the design with every secret value passed through `fn` (undefined removes it). */
export function mapSecrets(d: Design, fn: (slot: SecretSlot) => string | undefined): Design {
  return {
    ...d,
    components: d.components.map((c) => {
      const paths = KINDS[c.kind].secretPaths;
      if (paths.length === 0) return c;
      const settings = { ...(c.settings as Record<string, unknown>) };
      for (const path of paths) {
        const v = settings[path];
        const next = fn({ componentId: c.id, path, value: typeof v === "string" ? v : undefined });
        if (next === undefined) delete settings[path];
        else settings[path] = next;
      }
      return { ...c, settings } as typeof c;
    }),
  };
}

/** What the browser, shares and exports see: set secrets become SECRET_MASK, unset ones stay absent. */
export function maskSecrets(d: Design): Design {
  return mapSecrets(d, (s) => (s.value === undefined || s.value === "" ? undefined : SECRET_MASK));
}

/**
 * On save: a SECRET_MASK in the incoming design means "unchanged", so take the value from the previous
 * revision (matched by component id and path). A mask with no previous value is dropped, never stored.
 */
export function keepMaskedSecrets(incoming: Design, previous: Design | undefined): Design {
  const prev = new Map<string, string | undefined>();
  if (previous) for (const s of secretSlots(previous)) prev.set(`${s.componentId}/${s.path}`, s.value);
  return mapSecrets(incoming, (s) => (s.value === SECRET_MASK ? prev.get(`${s.componentId}/${s.path}`) : s.value));
}
