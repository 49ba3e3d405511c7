import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GOLDEN_DIR, goldenFiles } from "../golden";

/** A change in rendered output must be a reviewed change: regenerate with `npm run golden:update` and commit the diff. */
describe("golden manifests", () => {
  const files = goldenFiles();
  for (const f of files) {
    it(path.relative(GOLDEN_DIR, f.file), () => {
      expect(existsSync(f.file), `${f.file} is missing: run npm run golden:update`).toBe(true);
      const golden = readFileSync(f.file, "utf8");
      if (golden !== f.yaml)
        expect(f.yaml, "render output changed: review it, then run npm run golden:update").toBe(golden);
    });
  }

  it("has no stale golden files for templates or clusters that no longer exist", () => {
    const expected = new Set(files.map((f) => path.relative(GOLDEN_DIR, f.file)));
    const onDisk = readdirSync(GOLDEN_DIR, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => path.relative(GOLDEN_DIR, path.join(d.parentPath, d.name)));
    expect(onDisk.sort()).toEqual([...expected].sort());
  });
});
