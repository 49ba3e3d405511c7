import { LineCounter, parseAllDocuments } from "yaml";

/** A Kubernetes object as the importer reads it: plain JSON, only apiVersion/kind/metadata.name assumed. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [k: string]: unknown;
}

/** Limits every entry point shares (API: 413 beyond them). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_OBJECTS = 5000;

/** A document that is not YAML, or not a Kubernetes object: where it is (0-based document index, 1-based line). */
export class ManifestParseError extends Error {
  constructor(
    readonly document: number,
    readonly line: number,
    readonly reason: string,
    readonly source?: string,
  ) {
    super(`${source ? `${source}: ` : ""}document ${document} (line ${line}): ${reason}`);
  }
}

export class ImportLimitError extends Error {}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** `kind: List` (what `kubectl get -o yaml` prints) holds its objects in `items`. */
function flatten(v: Record<string, unknown>): unknown[] {
  if (typeof v.kind === "string" && v.kind.endsWith("List") && Array.isArray(v.items))
    return v.items.flatMap((i) => (isRecord(i) ? flatten(i) : [i]));
  return [v];
}

/**
 * One multi-document YAML stream → Kubernetes objects. Empty documents are skipped (Helm leaves many);
 * a document that fails to parse or lacks apiVersion/kind/metadata.name throws with its index and line.
 */
export function parseManifests(text: string, source?: string): KubeObject[] {
  if (text.length > MAX_IMPORT_BYTES) throw new ImportLimitError(`manifests exceed ${MAX_IMPORT_BYTES} bytes (10 MiB)`);
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: false });
  if (!Array.isArray(docs)) throw new ManifestParseError(0, 1, "not a YAML stream", source);
  const out: KubeObject[] = [];
  docs.forEach((doc, index) => {
    const start = doc.contents?.range?.[0] ?? doc.range[0];
    const lineOf = (offset: number) => lines.linePos(offset).line;
    if (doc.errors.length) {
      const e = doc.errors[0];
      throw new ManifestParseError(index, lineOf(e.pos[0]), e.message.split("\n")[0], source);
    }
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) return;
    if (!isRecord(value))
      throw new ManifestParseError(index, lineOf(start), "not a mapping (a Kubernetes object)", source);
    for (const item of flatten(value)) {
      const problem = objectProblem(item);
      if (problem) throw new ManifestParseError(index, lineOf(start), problem, source);
      out.push(item as KubeObject);
      if (out.length > MAX_IMPORT_OBJECTS) throw new ImportLimitError(`more than ${MAX_IMPORT_OBJECTS} objects`);
    }
  });
  return out;
}

function objectProblem(v: unknown): string | null {
  if (!isRecord(v)) return "not a mapping (a Kubernetes object)";
  if (typeof v.apiVersion !== "string" || !v.apiVersion) return "missing apiVersion";
  if (typeof v.kind !== "string" || !v.kind) return "missing kind";
  const m = v.metadata;
  if (!isRecord(m) || typeof m.name !== "string" || !m.name) return `${v.kind} without metadata.name`;
  for (const f of ["labels", "annotations"] as const) {
    if (m[f] !== undefined && !isRecord(m[f])) return `${v.kind} ${m.name}: metadata.${f} must be a mapping`;
  }
  return null;
}
