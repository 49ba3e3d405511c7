import { describe, expect, it } from "vitest";
import { SCHEMA_VERSION, validateDesign } from "../design";
import { LATEST_SCHEMA_VERSION, migrateDocument, UnsupportedSchemaVersionError } from "../migrate";

const doc = { schemaVersion: 1, name: "d", components: [{ id: "c", kind: "cluster", name: "prod" }], connections: [] };

describe("migrateDocument", () => {
  it("upgrades to the version the schema validates", () => {
    expect(LATEST_SCHEMA_VERSION).toBe(SCHEMA_VERSION);
  });

  it("passes a v1 document and a document without schemaVersion through unchanged", () => {
    expect(migrateDocument(doc)).toEqual(doc);
    const { schemaVersion: _, ...unversioned } = doc;
    expect(migrateDocument(unversioned)).toEqual(unversioned);
    expect(validateDesign(unversioned)).toMatchObject({ ok: true, design: { schemaVersion: 1 } });
  });

  it("leaves non-objects for the schema to reject", () => {
    for (const raw of [null, 3, "x", [1]]) expect(migrateDocument(raw)).toBe(raw);
    expect(validateDesign(null).ok).toBe(false);
  });

  it("refuses a future version with a clear error, reported by validateDesign as an issue", () => {
    expect(() => migrateDocument({ ...doc, schemaVersion: 7 })).toThrow(UnsupportedSchemaVersionError);
    expect(() => migrateDocument({ ...doc, schemaVersion: 7 })).toThrow(
      /schemaVersion 7 is newer than this Topology Studio understands \(up to 1\)/,
    );
    expect(validateDesign({ ...doc, schemaVersion: 2 })).toEqual({
      ok: false,
      issues: [{ path: "schemaVersion", message: expect.stringContaining("upgrade Topology Studio") }],
    });
  });

  it("refuses nonsense versions without throwing from validateDesign", () => {
    for (const v of [0, -1, 1.5, "1"]) {
      const r = validateDesign({ ...doc, schemaVersion: v });
      expect(r).toEqual({
        ok: false,
        issues: [{ path: "schemaVersion", message: expect.stringContaining("unknown schemaVersion") }],
      });
    }
  });
});
