// Where each Kubernetes object sits in a cluster's multi-document YAML: the tree (cluster → kind → name)
// and jump-to-object read this index; the YAML itself is shown as the server rendered it.
import { parseAllDocuments } from "yaml";

export interface ManifestObject {
  /** `Kind/namespace/name` (namespace empty for cluster-scoped objects): unique within one cluster. */
  key: string;
  kind: string;
  name: string;
  namespace?: string;
  /** 1-based, inclusive: the object's first and last line in the YAML. */
  startLine: number;
  endLine: number;
}

const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);

export function objectKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ""}/${name}`;
}

/** A plain or quoted scalar on one line (`name: "x"` → x); null for anything else (flow maps, aliases…). */
function scalar(raw: string): string | null {
  const v = raw.replace(/\s+#.*$/, "").trim();
  if (/^"(?:[^"\\]|\\.)*"$/.test(v)) return JSON.parse(v) as string;
  if (/^'(?:[^']|'')*'$/.test(v)) return v.slice(1, -1).replace(/''/g, "'");
  return /^[^\s&*!|>{[\]'"%@`#,][^#]*$/.test(v) ? v : null;
}

/**
 * kind / metadata.name / metadata.namespace of one document read line by line, as the renderer writes
 * them (block style, two-space indent); null when the document is written any other way.
 */
function scanHeader(lines: readonly string[]): { kind?: string; name?: string; namespace?: string } | null {
  const out: { kind?: string; name?: string; namespace?: string } = {};
  let inMetadata = false;
  for (const line of lines) {
    if (/^\S/.test(line)) {
      inMetadata = line === "metadata:";
      const m = /^kind:(.*)$/.exec(line);
      if (m) out.kind = scalar(m[1]) ?? undefined;
      else if (line.startsWith("metadata:") && !inMetadata) return null;
      continue;
    }
    const m = inMetadata ? /^ {2}(name|namespace):(.*)$/.exec(line) : null;
    if (m) {
      const v = scalar(m[2]);
      if (v === null) return null;
      out[m[1] as "name" | "namespace"] = v;
    }
  }
  return out;
}

/** The same three fields through a full YAML parse: for documents the line scan does not understand. */
function parseHeader(text: string): { kind?: string; name?: string; namespace?: string } {
  const [doc] = parseAllDocuments(text);
  const value = (doc && "toJS" in doc ? doc.toJS({ maxAliasCount: 0 }) : null) as {
    kind?: unknown;
    metadata?: { name?: unknown; namespace?: unknown };
  } | null;
  return { kind: str(value?.kind), name: str(value?.metadata?.name), namespace: str(value?.metadata?.namespace) };
}

/**
 * Every object of the YAML in document order (documents split at `---` lines); documents that are not
 * Kubernetes objects are skipped. The line scan keeps a 2,000-line cluster at a few milliseconds.
 */
export function indexManifests(yaml: string): ManifestObject[] {
  const lines = yaml.split("\n");
  const out: ManifestObject[] = [];
  let first = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i < lines.length && !/^---(\s|$)/.test(lines[i])) continue;
    let [start, end] = [first, i - 1];
    first = i + 1;
    // The object spans its content lines: not the comments and blank lines around it.
    while (start <= end && /^\s*(#.*)?$/.test(lines[start])) start++;
    while (end >= start && /^\s*(#.*)?$/.test(lines[end])) end--;
    if (start > end) continue;
    const body = lines.slice(start, end + 1);
    const head = scanHeader(body) ?? parseHeader(body.join("\n"));
    if (!head.kind || !head.name) continue;
    out.push({
      key: objectKey(head.kind, head.namespace, head.name),
      kind: head.kind,
      name: head.name,
      ...(head.namespace ? { namespace: head.namespace } : {}),
      startLine: start + 1,
      endLine: end + 1,
    });
  }
  return out;
}

export interface KindGroup {
  kind: string;
  objects: ManifestObject[];
}

/** Objects grouped by kind, kinds in the order they first appear (the apply order). */
export function groupByKind(objects: readonly ManifestObject[]): KindGroup[] {
  const groups = new Map<string, ManifestObject[]>();
  for (const o of objects) {
    const g = groups.get(o.kind);
    if (g) g.push(o);
    else groups.set(o.kind, [o]);
  }
  return [...groups].map(([kind, list]) => ({ kind, objects: list }));
}

/** Objects whose kind, name or namespace contains every word of the filter (case-insensitive). */
export function filterObjects(objects: readonly ManifestObject[], filter: string): ManifestObject[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...objects];
  return objects.filter((o) => {
    const text = `${o.kind} ${o.name} ${o.namespace ?? ""}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}
