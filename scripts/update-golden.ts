// Rewrites server/render/golden/** from the templates. Review the diff: it is the change in what users deploy.
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { GOLDEN_DIR, goldenFiles } from "../server/render/golden";

const files = goldenFiles();
await rm(GOLDEN_DIR, { recursive: true, force: true });
for (const f of files) {
  await mkdir(path.dirname(f.file), { recursive: true });
  await writeFile(f.file, f.yaml);
}
const dirs = await readdir(GOLDEN_DIR);
console.log(
  `wrote ${files.length} golden files for ${dirs.length} templates under ${path.relative(process.cwd(), GOLDEN_DIR)}`,
);
