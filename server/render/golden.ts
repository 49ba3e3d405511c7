import path from "node:path";
import { parseDesign } from "@/lib/topology";
import { TEMPLATES } from "@/lib/topology/templates";
import { renderAll, toYaml } from ".";

/** Committed reference output: one multi-document YAML per template and cluster, secrets masked. */
export const GOLDEN_DIR = path.join(import.meta.dirname, "golden");

export function goldenFiles(): { file: string; yaml: string }[] {
  return TEMPLATES.flatMap((t) =>
    renderAll(parseDesign(t.design), { designId: t.name }).map((r) => ({
      file: path.join(GOLDEN_DIR, t.name, `${r.cluster}.yaml`),
      yaml: `# Rendered from template "${t.name}", cluster "${r.cluster}". Regenerate with: npm run golden:update\n${toYaml(r.objects)}`,
    })),
  );
}
