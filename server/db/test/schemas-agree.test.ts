// The PostgreSQL schema is generated from the SQLite one; prove the generated file is current and that
// both describe exactly the same models, fields, attributes and migrations.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { toPostgresSchema } from "@/scripts/prisma-postgres";

const root = path.resolve(import.meta.dirname, "../../..");
const read = (p: string) => readFileSync(path.join(root, p), "utf8");

function models(schema: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const m of schema.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    out[m[1]] = m[2]
      .split("\n")
      .map((l) =>
        l
          .replace(/\/\/.*$/, "")
          .trim()
          .replace(/\s+/g, " "),
      )
      .filter(Boolean);
  }
  return out;
}

describe("prisma schemas", () => {
  const sqlite = read("prisma/schema.prisma");
  const postgres = read("prisma/postgresql/schema.prisma");

  it("the committed PostgreSQL schema is exactly what the generator makes from the SQLite schema", () => {
    expect(postgres).toBe(toPostgresSchema(sqlite));
  });

  it("both schemas declare the same models with the same fields", () => {
    const a = models(sqlite);
    const b = models(postgres);
    expect(Object.keys(a).length).toBeGreaterThanOrEqual(13);
    expect(b).toEqual(a);
    expect(postgres).toMatch(/provider = "postgresql"/);
    expect(postgres).toMatch(/generated\/postgresql/);
  });

  it("both migration folders create every model's table", () => {
    const tables = Object.keys(models(sqlite));
    for (const dir of ["prisma/migrations", "prisma/postgresql/migrations"]) {
      const sql = readdirSync(path.join(root, dir), { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => read(`${dir}/${d.name}/migration.sql`))
        .join("\n");
      for (const t of tables) expect(sql, `${dir} creates ${t}`).toContain(`CREATE TABLE "${t}"`);
    }
  });
});
