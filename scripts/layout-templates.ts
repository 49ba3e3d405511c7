// `npx tsx scripts/layout-templates.ts`: lays every built-in template out with lib/topology/layout.ts and
// writes the positions (and cluster sizes) into its source file, so a design created from it opens tidy.
// Only `position: {…}` and a cluster's `width`/`height` change; run prettier on the files afterwards.
// lib/topology/test/layout.test.ts fails when a template's stored positions overlap.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseDesign } from "@/lib/topology/design";
import { layoutDesign } from "@/lib/topology/layout";
import { TEMPLATES } from "@/lib/topology/templates";

const DIR = path.resolve(import.meta.dirname, "../lib/topology/templates");
const POSITION = /position: (?:cell\(\d+, \d+\)|\{ x: -?\d+, y: -?\d+ \})/;

for (const t of TEMPLATES) {
  const file = path.join(DIR, `${t.name}.ts`);
  let src = readFileSync(file, "utf8");
  const laid = await layoutDesign(parseDesign(t.design));
  for (const c of laid.components) {
    const at = src.indexOf(`id: "${c.id}"`);
    if (at < 0) throw new Error(`${t.name}: component "${c.id}" not found in ${file}`);
    let rest = src.slice(at);
    if (!POSITION.test(rest)) throw new Error(`${t.name}: no position for "${c.id}"`);
    rest = rest.replace(POSITION, `position: { x: ${c.position.x}, y: ${c.position.y} }`);
    if (c.kind === "cluster") {
      const { width, height } = c.settings as { width: number; height: number };
      rest = rest.replace(/width: \d+/, `width: ${width}`).replace(/height: \d+/, `height: ${height}`);
    }
    src = src.slice(0, at) + rest;
  }
  writeFileSync(file, src.replace(/import \{ cell \} from "\.\/layout";\n/, ""));
  console.log(`${t.name}: ${laid.components.length} components laid out`);
}
