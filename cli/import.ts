// `topo import`: manifests (files, folders, stdin) → a design JSON and the import report (on stderr).
import { readFile, readdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import {
  ImportLimitError,
  MAX_IMPORT_BYTES,
  ManifestParseError,
  importManifests,
  parseManifests,
  type ImportReport,
  type KubeObject,
} from "@/lib/topology/import";
import { layoutIfNeeded } from "@/lib/topology/layout";
import { plural } from "@/lib/text/plural";

export const IMPORT_USAGE = `topo import <file|dir|->... [-o design.json] [--name NAME] [--cluster NAME=<file|dir>]...
      manifests (YAML streams, Helm output, kubectl get -o yaml) → a design; the report goes to stderr.
      Several --cluster arguments make a multi-cluster design. Exit 0 when a design was produced, 2 on unreadable input.`;

export interface ImportIo {
  out: { write(s: string): unknown };
  err: { write(s: string): unknown };
  cwd: string;
  stdin?: AsyncIterable<Buffer | string>;
}

class Unreadable extends Error {}
/** Bad arguments: `topo` prints the message and exits 2. */
export class ImportUsageError extends Error {}

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/** Every manifest file of a path: the file itself, or the YAML/JSON files under a folder in name order. */
async function files(ref: string, cwd: string): Promise<string[]> {
  const p = path.resolve(cwd, ref);
  let s;
  try {
    s = await stat(p);
  } catch {
    throw new Unreadable(`${ref}: no such file or folder`);
  }
  if (s.isFile()) return [p];
  if (!s.isDirectory()) throw new Unreadable(`${ref}: not a file or folder`);
  const out: string[] = [];
  for (const e of (await readdir(p, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const child = path.join(p, e.name);
    if (e.isDirectory()) out.push(...(await files(child, cwd)));
    else if (e.isFile() && MANIFEST_FILE.test(e.name)) out.push(child);
  }
  return out;
}

async function readStdin(io: ImportIo): Promise<string> {
  if (!io.stdin) throw new Unreadable("-: no standard input");
  let text = "";
  for await (const chunk of io.stdin) {
    text += typeof chunk === "string" ? chunk : chunk.toString("utf8");
    if (text.length > MAX_IMPORT_BYTES) throw new Unreadable(`-: more than ${MAX_IMPORT_BYTES} bytes (10 MiB)`);
  }
  return text;
}

async function objectsOf(refs: string[], io: ImportIo): Promise<KubeObject[]> {
  const out: KubeObject[] = [];
  let bytes = 0;
  for (const ref of refs) {
    const sources: { name: string; text: string }[] = [];
    if (ref === "-") sources.push({ name: "-", text: await readStdin(io) });
    else
      for (const f of await files(ref, io.cwd)) {
        const size = (await stat(f)).size;
        bytes += size;
        if (bytes > MAX_IMPORT_BYTES) throw new Unreadable(`input exceeds ${MAX_IMPORT_BYTES} bytes (10 MiB)`);
        sources.push({ name: path.relative(io.cwd, f) || f, text: await readFile(f, "utf8") });
      }
    for (const s of sources) {
      try {
        out.push(...parseManifests(s.text, s.name));
      } catch (e) {
        if (e instanceof ManifestParseError || e instanceof ImportLimitError) throw new Unreadable(e.message);
        throw e;
      }
    }
  }
  return out;
}

/** The report as people read it: a summary, every object, then the notes. */
export function formatReport(r: ImportReport): string {
  const lines = [
    `import: ${plural(r.summary.components, "component")}, ${plural(r.summary.connections, "connection")} from ${plural(r.summary.objects, "object")} (${r.summary.mapped} mapped, ${r.summary.notUnderstood} not understood)`,
  ];
  const multi = new Set(r.objects.map((o) => o.cluster)).size > 1;
  for (const o of r.objects) {
    const where = `${multi ? `${o.cluster}: ` : ""}${o.kind}/${o.name}`;
    lines.push(
      o.status === "mapped" ? `  mapped          ${where} → ${o.component}` : `  not understood  ${where}: ${o.reason}`,
    );
  }
  for (const n of r.notes) lines.push(`  note  ${[n.cluster, n.component].filter(Boolean).join("/")}: ${n.message}`);
  return lines.join("\n") + "\n";
}

export async function cmdImport(argv: string[], io: ImportIo): Promise<number> {
  const inputs: string[] = [];
  const clusters: { name: string; refs: string[] }[] = [];
  let out: string | undefined;
  let name: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] =
      a.startsWith("--") && a.includes("=")
        ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)]
        : [a, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new ImportUsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === "-o" || flag === "--out") out = value();
    else if (flag === "--name") name = value();
    else if (flag === "--cluster") {
      const v = value();
      const eq = v.indexOf("=");
      if (eq < 1) throw new ImportUsageError(`--cluster takes NAME=<file|dir>, got "${v}"`);
      const c = v.slice(0, eq);
      const existing = clusters.find((x) => x.name === c);
      if (existing) existing.refs.push(v.slice(eq + 1));
      else clusters.push({ name: c, refs: [v.slice(eq + 1)] });
    } else if (a.startsWith("-") && a !== "-") throw new ImportUsageError(`unknown option ${a}\n\n${IMPORT_USAGE}`);
    else inputs.push(a);
  }
  if (!inputs.length && !clusters.length)
    throw new ImportUsageError(`import needs at least one file, folder or -\n\n${IMPORT_USAGE}`);
  if (inputs.length && clusters.length)
    throw new ImportUsageError("give either plain inputs or --cluster NAME=<file|dir> arguments, not both");

  let parsed: { name?: string; objects: KubeObject[] }[];
  try {
    parsed = clusters.length
      ? await Promise.all(clusters.map(async (c) => ({ name: c.name, objects: await objectsOf(c.refs, io) })))
      : [{ objects: await objectsOf(inputs, io) }];
  } catch (e) {
    if (e instanceof Unreadable) {
      io.err.write(`topo import: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const designName =
    name ??
    (inputs.length === 1 && inputs[0] !== "-"
      ? path.basename(inputs[0]).replace(MANIFEST_FILE, "")
      : "Imported design");
  const { design, report } = importManifests({ name: designName, clusters: parsed });
  const laidOut = await layoutIfNeeded(design);
  const json = `${JSON.stringify(laidOut, null, 2)}\n`;
  if (out) await writeFile(path.resolve(io.cwd, out), json);
  else io.out.write(json);
  io.err.write(formatReport(report));
  return 0;
}
