import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { MAX_COMPONENTS, validateDesign, type Design } from "@/lib/topology";
import { lintDesign, type Finding } from "@/lib/topology/lint";
import { plural } from "@/lib/text/plural";
import { layoutIfNeeded } from "@/lib/topology/layout";
import { TEMPLATES, getTemplate } from "@/lib/topology/templates";
import { designSlug, render, renderAll, toYaml, writeClusterFolders } from "@/server/render";
import { cmdExportGit, EXPORT_GIT_USAGE } from "./export-git";
import { cmdSize } from "./size";
import { IMPORT_USAGE, ImportUsageError, cmdImport } from "./import";

/** Largest design file the CLI reads. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export const EXIT = { ok: 0, lintErrors: 1, badInput: 2, failed: 3 } as const;

const USAGE = `topo — Topology Studio CLI (no database; only export-git uses the network)

Usage:
  topo templates                                     list the built-in templates
  topo render <design.json | template> [-o DIR] [--cluster NAME] [--show-secrets] [--force] [--json]
              [--design-id ID]
                                                     Kubernetes YAML to stdout, or a folder per cluster under DIR;
                                                     --json: { clusters: [{ cluster, objects }] }.
                                                     refuses (exit 1) a design with lint errors unless --force.
                                                     Owner label (topology-studio.dev/design): the id inside a design
                                                     the studio exported (GET /api/designs/:id), else --design-id,
                                                     else the slug of the design's name (plain files, templates)
  topo lint <design.json | template> [--json]        lint findings with rule ids; exit 1 when there are errors;
                                                     --json: { source, findings, errors, warnings, info }
  topo export <template>                             the template's design JSON
  topo size <design.json | template> [--json]        capacity plan from the declared load (CPU, memory, volumes, bucket)
  ${IMPORT_USAGE}
  ${EXPORT_GIT_USAGE}
  topo --version                                     the CLI's version

Exit codes: 0 ok, 1 lint errors, 2 bad usage or invalid design, 3 Git export failed.`;

export interface Io {
  out: { write(s: string): unknown };
  err: { write(s: string): unknown };
  cwd: string;
  /** Standard input, for `topo import -`. */
  stdin?: AsyncIterable<Buffer | string>;
  /** Environment, for `export-git --token-env VAR` (default: process.env). */
  env?: Record<string, string | undefined>;
}

export class CliError extends Error {
  constructor(
    message: string,
    readonly code: number = EXIT.badInput,
  ) {
    super(message);
  }
}

export interface Parsed {
  positional: string[];
  flags: Map<string, string | true>;
}

export function parseArgs(argv: string[], valued: string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith("-") && a !== "-") {
      const eq = a.indexOf("=");
      const name = eq === -1 ? a : a.slice(0, eq);
      if (valued.includes(name)) {
        const v = eq === -1 ? argv[++i] : a.slice(eq + 1);
        if (v === undefined) throw new CliError(`${name} needs a value`);
        flags.set(name, v);
      } else flags.set(name, true);
    } else positional.push(a);
  }
  return { positional, flags };
}

export function rejectUnknown(p: Parsed, allowed: string[]) {
  for (const f of p.flags.keys()) if (!allowed.includes(f)) throw new CliError(`unknown option ${f}\n\n${USAGE}`);
}

/** An owner id as a label value allows (what the studio's design ids are). */
const DESIGN_ID = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/** A design the studio exported (GET /api/designs/:id): `{ id, design, … }`; its id is the owner identity. */
function studioExport(input: unknown): { id: string; design: unknown } | null {
  const o = input as { id?: unknown; design?: unknown } | null;
  if (typeof o !== "object" || o === null || typeof o.id !== "string" || typeof o.design !== "object") return null;
  if (!DESIGN_ID.test(o.id)) throw new CliError(`the design id "${o.id}" in this file is not a valid label value`);
  return { id: o.id, design: o.design };
}

/** The owner identity to render with: --design-id, else the id the file carried, else the name's slug. */
export function designIdFor(p: Parsed, loaded: { design: Design; designId?: string }): string {
  const flag = p.flags.get("--design-id");
  if (typeof flag === "string") {
    if (!DESIGN_ID.test(flag)) throw new CliError(`--design-id "${flag}" is not a valid label value`);
    return flag;
  }
  return loaded.designId ?? designSlug(loaded.design.name);
}

/**
 * A template by name, or a design JSON file (plain, or as the studio exports it with its id): size-checked,
 * parsed and validated with every issue listed.
 */
export async function loadDesign(
  ref: string,
  cwd: string,
): Promise<{ design: Design; source: string; designId?: string }> {
  const template = getTemplate(ref);
  if (template) {
    const v = validateDesign(template.design);
    if (!v.ok)
      throw new CliError(
        `template ${ref} is invalid:\n${v.issues.map((i) => `  ${i.path || "(root)"}: ${i.message}`).join("\n")}`,
      );
    return { design: v.design, source: `template ${ref}` };
  }
  const file = path.resolve(cwd, ref);
  let size: number;
  try {
    const s = await stat(file);
    if (!s.isFile()) throw new CliError(`${ref} is not a file`);
    size = s.size;
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(
      `"${ref}" is neither a template (${TEMPLATES.map((t) => t.name).join(", ")}) nor a readable file`,
    );
  }
  if (size > MAX_FILE_BYTES)
    throw new CliError(`design too large: ${ref} is ${size} bytes; the limit is ${MAX_FILE_BYTES} bytes (2 MiB)`);
  let input: unknown;
  try {
    input = JSON.parse(await readFile(file, "utf8"));
  } catch (e) {
    throw new CliError(`invalid JSON in ${ref}: ${(e as Error).message}`);
  }
  const exported = studioExport(input);
  if (exported) input = exported.design;
  const count = (input as { components?: unknown })?.components;
  if (Array.isArray(count) && count.length > MAX_COMPONENTS)
    throw new CliError(`design too large: ${ref} has ${count.length} components; the limit is ${MAX_COMPONENTS}`);
  const v = validateDesign(input);
  if (!v.ok)
    throw new CliError(
      `invalid design ${ref} (${v.issues.length} issue${v.issues.length === 1 ? "" : "s"}):\n${v.issues.map((i) => `  ${i.path || "(root)"}: ${i.message}`).join("\n")}`,
    );
  return { design: v.design, source: ref, designId: exported?.id };
}

async function cmdTemplates(p: Parsed, io: Io): Promise<number> {
  rejectUnknown(p, []);
  const width = Math.max(...TEMPLATES.map((t) => t.name.length));
  for (const t of TEMPLATES)
    io.out.write(`${t.name.padEnd(width)}  ${String(t.design.components.length).padStart(2)} components  ${t.title}\n`);
  return EXIT.ok;
}

async function cmdRender(p: Parsed, io: Io): Promise<number> {
  rejectUnknown(p, ["-o", "--out", "--cluster", "--show-secrets", "--force", "--json", "--design-id"]);
  const [ref, ...rest] = p.positional;
  if (!ref || rest.length) throw new CliError(`render takes one design file or template name\n\n${USAGE}`);
  const loaded = await loadDesign(ref, io.cwd);
  const { design, source } = loaded;
  const designId = designIdFor(p, loaded);
  // Manifests of a design with lint errors (an unsupported version, a rule that does not parse) would deploy broken.
  const errors = lintDesign(design).filter((f) => f.severity === "error");
  if (errors.length) {
    writeFindings(io.err, design, errors);
    if (!p.flags.has("--force")) {
      io.err.write(`${source}: ${plural(errors.length, "lint error")}; not rendering (--force renders anyway)\n`);
      return EXIT.lintErrors;
    }
    io.err.write(`${source}: ${plural(errors.length, "lint error")}; rendering anyway (--force)\n`);
  }
  const secrets = p.flags.has("--show-secrets") ? "clear" : "masked";
  const only = p.flags.get("--cluster");
  let rendered: { cluster: string; objects: ReturnType<typeof render> }[];
  if (typeof only === "string") {
    try {
      rendered = [{ cluster: only, objects: render(design, only, { secrets, designId }) }];
    } catch (e) {
      throw new CliError((e as Error).message);
    }
  } else rendered = renderAll(design, { secrets, designId });
  if (rendered.length === 0) throw new CliError("the design has no clusters: nothing to render");
  if (p.flags.has("--json")) {
    io.out.write(`${JSON.stringify({ clusters: rendered }, null, 2)}\n`);
    return EXIT.ok;
  }
  const outDir = p.flags.get("-o") ?? p.flags.get("--out");
  if (typeof outDir === "string") {
    const dir = path.resolve(io.cwd, outDir);
    const files = await writeClusterFolders(dir, rendered);
    for (const r of rendered) io.out.write(`${path.join(outDir, r.cluster)}/  ${plural(r.objects.length, "object")}\n`);
    io.err.write(`wrote ${files.length} files\n`);
    return EXIT.ok;
  }
  io.out.write(
    rendered.length === 1
      ? toYaml(rendered[0].objects)
      : rendered.map((r) => `# cluster: ${r.cluster}\n${toYaml(r.objects)}`).join("---\n"),
  );
  return EXIT.ok;
}

/** One finding per entry: severity, rule id, the component (or design field) it concerns, message, hint. */
export function writeFindings(to: Io["out"], design: Design, findings: readonly Finding[]) {
  const names = new Map(design.components.map((c) => [c.id, c.name]));
  for (const f of findings) {
    const where = f.componentId ? ` ${names.get(f.componentId) ?? f.componentId}:` : f.path ? ` ${f.path}:` : "";
    to.write(`${f.severity.padEnd(7)} ${f.rule}${where} ${f.message}\n        hint: ${f.hint}\n`);
  }
}

async function cmdLint(p: Parsed, io: Io): Promise<number> {
  rejectUnknown(p, ["--json"]);
  const [ref, ...rest] = p.positional;
  if (!ref || rest.length) throw new CliError(`lint takes one design file or template name\n\n${USAGE}`);
  const { design, source } = await loadDesign(ref, io.cwd);
  const findings = lintDesign(design);
  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.filter((f) => f.severity === "warning").length;
  if (p.flags.has("--json")) {
    const info = findings.length - errors - warnings;
    io.out.write(`${JSON.stringify({ source, findings, errors, warnings, info }, null, 2)}\n`);
    return errors ? EXIT.lintErrors : EXIT.ok;
  }
  writeFindings(io.out, design, findings);
  io.out.write(
    `${source}: ${plural(errors, "error")}, ${plural(warnings, "warning")}, ${findings.length - errors - warnings} info\n`,
  );
  return errors ? EXIT.lintErrors : EXIT.ok;
}

async function cmdExport(p: Parsed, io: Io): Promise<number> {
  rejectUnknown(p, []);
  const [name, ...rest] = p.positional;
  const t = name ? getTemplate(name) : undefined;
  if (!t || rest.length) throw new CliError(`export takes a template name: ${TEMPLATES.map((x) => x.name).join(", ")}`);
  // The parsed design (defaults filled in) is what the studio stores and what `topo render` reads back.
  const { design } = await loadDesign(name, io.cwd);
  io.out.write(`${JSON.stringify(await layoutIfNeeded(design), null, 2)}\n`);
  return EXIT.ok;
}

const COMMANDS: Record<string, { valued: string[]; run: (p: Parsed, io: Io) => Promise<number> }> = {
  templates: { valued: [], run: cmdTemplates },
  render: { valued: ["-o", "--out", "--cluster", "--design-id"], run: cmdRender },
  lint: { valued: [], run: cmdLint },
  export: { valued: [], run: cmdExport },
  size: { valued: [], run: cmdSize },
  "export-git": {
    valued: ["--repo", "--branch", "--path", "--token-env", "--user", "--cluster", "--design-id", "--author"],
    run: (p, io) => cmdExportGit(p, io),
  },
};

async function packageVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(path.join(import.meta.dirname, "..", "package.json"), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

/** Runs one CLI invocation; returns the exit code. Never throws for bad input. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === "--version" || cmd === "-V" || cmd === "version") {
    io.out.write(`topo ${await packageVersion()}\n`);
    return EXIT.ok;
  }
  if (!cmd || cmd === "help" || cmd === "--help" || cmd === "-h") {
    (cmd ? io.out : io.err).write(`${USAGE}\n`);
    return cmd ? EXIT.ok : EXIT.badInput;
  }
  if (cmd === "import") {
    // Repeated `--cluster NAME=path` arguments: import parses its own arguments.
    try {
      return await cmdImport(rest, io);
    } catch (e) {
      if (!(e instanceof ImportUsageError)) throw e;
      io.err.write(`topo import: ${e.message}\n`);
      return EXIT.badInput;
    }
  }
  const c = COMMANDS[cmd];
  if (!c) {
    io.err.write(`topo: unknown command "${cmd}"\n\n${USAGE}\n`);
    return EXIT.badInput;
  }
  try {
    return await c.run(parseArgs(rest, c.valued), io);
  } catch (e) {
    if (e instanceof CliError) {
      io.err.write(`topo ${cmd}: ${e.message}\n`);
      return e.code;
    }
    throw e;
  }
}
