// How a design document sits in Revision.document: the validated JSON with every secret value sealed by
// secret-box, so the database never holds a clear secret. Reading gives one of three views:
//   masked — what the browser, lint and manifests previews see (set secrets become SECRET_MASK)
//   clear  — for deploy only (secret values decrypted)
//   merge  — the previous revision in clear for keepMaskedSecrets; an unreadable value is dropped
//            (key changed) so the user re-enters it instead of the save failing.
import "server-only";
import { mapSecrets, maskSecrets, migrateDocument, parseDesign, type Design } from "@/lib/topology";
import { withReleaseTagPrefix } from "@/lib/topology/versions";
import { isSealed, open, seal } from "@/server/crypto/secret-box";

export type DocumentView = "masked" | "clear" | "merge";

/** Seals every secret value (the design must already have its masks resolved by keepMaskedSecrets). */
export function sealDocument(design: Design): string {
  return JSON.stringify(
    mapSecrets(design, (s) => (s.value === undefined || s.value === "" ? undefined : seal(s.value))),
  );
}

/**
 * The stored JSON as an object, migrated to the current schema version (revisions keep the version they
 * were written with); secrets still sealed. Validation comes after the secrets are replaced, because
 * sealed values are longer than the schema allows for clear ones.
 */
export function storedDocument(json: string): Design {
  return withReleaseTagPrefix(migrateDocument(JSON.parse(json))) as Design;
}

export function readDocument(json: string, view: DocumentView): Design {
  const raw = storedDocument(json);
  // The merge view only feeds keepMaskedSecrets, which reads secret slots: the stored document was
  // validated when it was written, so it skips the schema pass (a third of a large save's time).
  if (view === "merge") return mapSecrets(raw, (s) => (s.value === undefined ? undefined : openOrDrop(s.value)));
  if (view === "masked") return parseDesign(maskSecrets(raw));
  return parseDesign(mapSecrets(raw, (s) => (s.value === undefined ? undefined : openStored(s.value))));
}

function openStored(value: string): string {
  // Documents written before sealing existed would hold clear text; there are none, but never hand out "v1:" blobs.
  return isSealed(value) ? open(value) : value;
}

function openOrDrop(value: string): string | undefined {
  try {
    return openStored(value);
  } catch {
    return undefined;
  }
}
