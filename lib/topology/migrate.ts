/**
 * Upgrades stored design documents to the current format. Each entry of MIGRATIONS takes a document of version
 * `i + 1` to version `i + 2`; the format is at version 1, so the chain is empty and old documents pass through.
 * Kept free of imports from design.ts (which calls it) so there is no import cycle.
 */
type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

const MIGRATIONS: readonly Migration[] = [];

/** The version migrateDocument produces; equals design.ts's SCHEMA_VERSION (a test holds them together). */
export const LATEST_SCHEMA_VERSION = 1 + MIGRATIONS.length;

/** A document written by a newer (or unknown) format than this build understands. */
export class UnsupportedSchemaVersionError extends Error {
  constructor(readonly schemaVersion: unknown) {
    super(
      typeof schemaVersion === "number" && Number.isInteger(schemaVersion) && schemaVersion > LATEST_SCHEMA_VERSION
        ? `schemaVersion ${schemaVersion} is newer than this Topology Studio understands (up to ${LATEST_SCHEMA_VERSION}); upgrade Topology Studio to open this design`
        : `unknown schemaVersion ${JSON.stringify(schemaVersion)}: supported versions are 1 to ${LATEST_SCHEMA_VERSION}`,
    );
    this.name = "UnsupportedSchemaVersionError";
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Bring a raw document (parsed JSON) to LATEST_SCHEMA_VERSION. Anything that is not an object, or has no
 * schemaVersion, is returned unchanged for the schema to judge (a missing version means 1). Throws
 * UnsupportedSchemaVersionError for a version it cannot upgrade; validateDesign turns that into an issue.
 */
export function migrateDocument(raw: unknown): unknown {
  if (!isRecord(raw) || raw.schemaVersion === undefined) return raw;
  const v = raw.schemaVersion;
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > LATEST_SCHEMA_VERSION)
    throw new UnsupportedSchemaVersionError(v);
  let doc = raw;
  for (let from = v; from < LATEST_SCHEMA_VERSION; from++)
    doc = { ...MIGRATIONS[from - 1](doc), schemaVersion: from + 1 };
  return doc;
}
