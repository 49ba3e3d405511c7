// Generates prisma/postgresql/schema.prisma from prisma/schema.prisma (the one source of truth):
// only the datasource provider/url and the client output folder differ.
// Usage: npx tsx scripts/prisma-postgres.ts [--check]   (--check exits 1 when the file is stale)
import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const sourcePath = path.join(root, "prisma", "schema.prisma");
const targetPath = path.join(root, "prisma", "postgresql", "schema.prisma");

export function toPostgresSchema(sqliteSchema: string): string {
  let out = sqliteSchema;
  const swaps: Array<[RegExp, string]> = [
    [/provider\s*=\s*"sqlite"/, 'provider = "postgresql"'],
    [/url\s*=\s*"file:[^"]*"/, 'url      = "postgresql://localhost:5432/studio"'],
    // The generated schema lives one folder deeper, so relative paths gain one "../".
    [/output\s*=\s*"\.\.\/server\/db\/generated\/sqlite"/, 'output     = "../../server/db/generated/postgresql"'],
  ];
  for (const [pattern, replacement] of swaps) {
    if (!pattern.test(out))
      throw new Error(`prisma/schema.prisma no longer matches ${pattern}; update scripts/prisma-postgres.ts`);
    out = out.replace(pattern, replacement);
  }
  const header = "// GENERATED from prisma/schema.prisma by scripts/prisma-postgres.ts — do not edit.\n";
  return header + out;
}

function main() {
  const wanted = toPostgresSchema(readFileSync(sourcePath, "utf8"));
  const current = existsSync(targetPath) ? readFileSync(targetPath, "utf8") : "";
  if (process.argv.includes("--check")) {
    if (current !== wanted) {
      console.error("prisma/postgresql/schema.prisma is stale: run `npx tsx scripts/prisma-postgres.ts`");
      process.exit(1);
    }
    return;
  }
  if (current !== wanted) {
    mkdirSync(path.dirname(targetPath), { recursive: true });
    writeFileSync(targetPath, wanted);
    console.log("wrote prisma/postgresql/schema.prisma");
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) main();
