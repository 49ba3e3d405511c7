// Where a cluster's folder goes in the repository: a template such as `clusters/{cluster}/{design}`.
// Placeholders are fixed; the expanded path stays inside the repository (no `..`, no `.git`).

export const DEFAULT_PATH_TEMPLATE = "clusters/{cluster}/{design}";
export const PATH_PLACEHOLDERS = ["cluster", "design", "namespace"] as const;
export type PathVars = Record<(typeof PATH_PLACEHOLDERS)[number], string>;

const SEGMENT = /^[A-Za-z0-9._-]+$/;

function segmentProblem(seg: string): string | null {
  if (seg === "") return "empty path segment ('//' or a leading or trailing '/')";
  if (seg === "." || seg === "..") return `'${seg}' is not allowed in the path`;
  if (seg.toLowerCase() === ".git") return "the path cannot enter .git";
  if (!SEGMENT.test(seg)) return `path segment "${seg}" may hold only letters, digits, '.', '_' and '-'`;
  return null;
}

/** Why a path template is unusable, or null. Placeholders are checked with sample values. */
export function pathTemplateProblem(template: string): string | null {
  if (template.length === 0) return "a path template is required";
  if (template.length > 300) return "at most 300 characters";
  for (const m of template.matchAll(/\{([^}]*)\}/g))
    if (!(PATH_PLACEHOLDERS as readonly string[]).includes(m[1]))
      return `unknown placeholder {${m[1]}}; use ${PATH_PLACEHOLDERS.map((p) => `{${p}}`).join(", ")}`;
  if (/[{}]/.test(template.replace(/\{(cluster|design|namespace)\}/g, ""))) return "unbalanced '{' or '}'";
  const sample = expandTemplate(template, { cluster: "c", design: "d", namespace: "n" });
  for (const seg of sample.split("/")) {
    const p = segmentProblem(seg);
    if (p) return p;
  }
  return null;
}

function expandTemplate(template: string, vars: PathVars): string {
  return template.replace(/\{(cluster|design|namespace)\}/g, (_, k: keyof PathVars) => vars[k]);
}

/** The folder for one cluster; throws when a value would make the path leave the repository. */
export function expandPath(template: string, vars: PathVars): string {
  const path = expandTemplate(template, vars);
  for (const seg of path.split("/")) {
    const p = segmentProblem(seg);
    if (p) throw new Error(`path "${path}": ${p}`);
  }
  return path;
}
