import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { MAX_COMPONENTS, validateDesign, type Design } from "@/lib/topology";
import { lintDesign, type Finding } from "@/lib/topology/lint";
import { plural } from "@/lib/text/plural";
import { TEMPLATES, getTemplate } from "@/lib/topology/templates";
import { render, renderAll, toYaml, writeClusterFolders } from "@/server/render";
import { cmdSize } from "./size";
import { IMPORT_USAGE, ImportUsageError, cmdImport } from "./import";

/** Largest design file the CLI reads. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export const EXIT = { ok: 0, lintErrors: 1, badInput: 2 } as const;

const USAGE = `topo — Topology Studio offline CLI (no database, no network)

Usage:
  topo templates                                     list the built-in templates
  topo render <design.json | template> [-o DIR] [--cluster NAME] [--show-secrets] [--force]
                                                     Kubernetes YAML to stdout, or a folder per cluster under DIR;
                                                     refuses (exit 1) a design with lint errors unless --force
  topo lint <design.json | template>                 lint findings with rule ids; exit 1 when there are errors
  topo export <template>                             the template's design JSON
  topo size <design.json | template> [--json]        capacity plan from the declared load (CPU, memory, volumes, bucket)
  ${IMPORT_USAGE}

Exit codes: 0 ok, 1 lint errors, 2 bad usage or invalid design.`;

export interface Io {
  out: { write(s: string): unknown };
  err: { write(s: string): unknown };
  cwd: string;
  /** Standard input, for `topo import -`. */
  stdin?: AsyncIterable<Buffer | string>;
}

class CliError extends Error {
  constructor(
    message: string,
    readonly code: number = EXIT.badInput,
  ) {
    super(message);
  }
}

interface Parsed {
  positional: string[];
  flags: Map<string, string | true>;
}

function parseArgs(argv: string[], valued: string[]): Parsed {
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

function rejectUnknown(p: Parsed, allowed: string[]) {
  for (const f of p.flags.keys()) if (!allowed.includes(f)) throw new CliError(`unknown option ${f}\n\n${USAGE}`);
}

/** A template by name, or a design JSON file: size-checked, parsed and validated with every issue listed. */
export async function loadDesign(ref: string, cwd: string): Promise<{ design: Design; source: string }> {
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
  const count = (input as { components?: unknown })?.components;
  if (Array.isArray(count) && count.length > MAX_COMPONENTS)
    throw new CliError(`design too large: ${ref} has ${count.length} components; the limit is ${MAX_COMPONENTS}`);
  const v = validateDesign(input);
  if (!v.ok)
    throw new CliError(
      `invalid design ${ref} (${v.issues.length} issue${v.issues.length === 1 ? "" : "s"}):\n${v.issues.map((i) => `  ${i.path || "(root)"}: ${i.message}`).join("\n")}`,
    );
  return { design: v.design, source: ref };
}

async function cmdTemplates(p: Parsed, io: Io): Promise<number> {
  rejectUnknown(p, []);
  const width = Math.max(...TEMPLATES.map((t) => t.name.length));
  for (const t of TEMPLATES)
    io.out.write(`${t.name.padEnd(width)}  ${String(t.design.components.length).padStart(2)} components  ${t.title}\n`);
  return EXIT.ok;
}

async function cmdRender(p: Parsed, io: Io): Promise<number> {
  rejectUnknown(p, ["-o", "--out", "--cluster", "--show-secrets", "--force"]);
  const [ref, ...rest] = p.positional;
  if (!ref || rest.length) throw new CliError(`render takes one design file or template name\n\n${USAGE}`);
  const { design, source } = await loadDesign(ref, io.cwd);
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
      rendered = [{ cluster: only, objects: render(design, only, { secrets }) }];
    } catch (e) {
      throw new CliError((e as Error).message);
    }
  } else rendered = renderAll(design, { secrets });
  if (rendered.length === 0) throw new CliError("the design has no clusters: nothing to render");
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
function writeFindings(to: Io["out"], design: Design, findings: readonly Finding[]) {
  const names = new Map(design.components.map((c) => [c.id, c.name]));
  for (const f of findings) {
    const where = f.componentId ? ` ${names.get(f.componentId) ?? f.componentId}:` : f.path ? ` ${f.path}:` : "";
    to.write(`${f.severity.padEnd(7)} ${f.rule}${where} ${f.message}\n        hint: ${f.hint}\n`);
  }
}

async function cmdLint(p: Parsed, io: Io): Promise<number> {
  rejectUnknown(p, []);
  const [ref, ...rest] = p.positional;
  if (!ref || rest.length) throw new CliError(`lint takes one design file or template name\n\n${USAGE}`);
  const { design, source } = await loadDesign(ref, io.cwd);
  const findings = lintDesign(design);
  writeFindings(io.out, design, findings);
  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.filter((f) => f.severity === "warning").length;
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
  io.out.write(`${JSON.stringify(design, null, 2)}\n`);
  return EXIT.ok;
}

const COMMANDS: Record<string, { valued: string[]; run: (p: Parsed, io: Io) => Promise<number> }> = {
  templates: { valued: [], run: cmdTemplates },
  render: { valued: ["-o", "--out", "--cluster"], run: cmdRender },
  lint: { valued: [], run: cmdLint },
  export: { valued: [], run: cmdExport },
  size: { valued: [], run: cmdSize },
};

/** Runs one CLI invocation; returns the exit code. Never throws for bad input. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [cmd, ...rest] = argv;
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
