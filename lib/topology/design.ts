import { z } from "zod";
import { CONNECTION_KINDS, KINDS, connectionProblem, type ComponentKind, type ConnectionKind } from "./catalog";
import { KIND_DEFINITIONS, type KindDefinition, type KindDefinitions } from "./kinds";
import { dnsName } from "./primitives";
import { migrateDocument, UnsupportedSchemaVersionError } from "./migrate";
import { versionsSchema } from "./versions";

/** The document format version. Bump it with a migration in `migrate.ts` when the shape changes. */
export const SCHEMA_VERSION = 1;
export const MAX_COMPONENTS = 2000;
export const MAX_CONNECTIONS = 4000;

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "ids use letters, digits, '_' and '-'");
const position = z.object({ x: z.number().finite(), y: z.number().finite() });

const base = {
  id,
  name: dnsName,
  /** Id of the cluster component this one runs in (React Flow's parentId). */
  cluster: id.optional(),
  position: position.default({ x: 0, y: 0 }),
  notes: z.string().max(4000).optional(),
};

const component = <K extends ComponentKind, S extends z.ZodType>(def: KindDefinition<K, S>) =>
  z.object({ ...base, kind: z.literal(def.kind), settings: def.settings.prefault({} as never) });
type ComponentSchemas<T extends readonly unknown[]> = {
  [I in keyof T]: T[I] extends { kind: infer K extends ComponentKind; settings: infer S extends z.ZodType }
    ? ReturnType<typeof component<K, S>>
    : never;
};

/** One member per registered kind, discriminated by `kind`. */
export const componentSchema = z.discriminatedUnion(
  "kind",
  KIND_DEFINITIONS.map((d) =>
    component(d as KindDefinition<ComponentKind, z.ZodType>),
  ) as unknown as ComponentSchemas<KindDefinitions>,
);

export const connectionSchema = z.object({
  id,
  kind: z.enum(CONNECTION_KINDS),
  from: id,
  to: id,
});

const designShape = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION).default(SCHEMA_VERSION),
  name: z.string().min(1, "design name is required").max(120),
  description: z.string().max(4000).default(""),
  versions: versionsSchema,
  components: z.array(componentSchema).max(MAX_COMPONENTS, `a design holds at most ${MAX_COMPONENTS} components`),
  connections: z
    .array(connectionSchema)
    .max(MAX_CONNECTIONS, `a design holds at most ${MAX_CONNECTIONS} connections`)
    .default([]),
});

export type Design = z.output<typeof designShape>;
export type DesignInput = z.input<typeof designShape>;
export type Component = Design["components"][number];
export type Connection = Design["connections"][number];
export type ComponentOf<K extends ComponentKind> = Extract<Component, { kind: K }>;

/** The fields reference checks read; a loose view so they also run on documents that fail field validation. */
interface RefComponent {
  id: string;
  kind: string;
  name: string;
  cluster?: string;
}
interface RefConnection {
  id: string;
  kind: string;
  from: string;
  to: string;
}
type AddIssue = (path: (string | number)[], message: string) => void;

const isKind = (k: string): k is ComponentKind => Object.hasOwn(KINDS, k);
const isConnectionKind = (k: string): k is ConnectionKind => (CONNECTION_KINDS as readonly string[]).includes(k);

/**
 * Referential rules the per-field schema cannot express: unique ids and names, containment, legal connections.
 * Entries that are undefined (malformed beyond reading) are skipped but keep their index, so paths stay true.
 */
function checkReferences(
  components: readonly (RefComponent | undefined)[],
  connections: readonly (RefConnection | undefined)[],
  addIssue: AddIssue,
) {
  const byId = new Map<string, RefComponent>();
  const names = new Map<string, number>();
  components.forEach((c, i) => {
    if (!c) return;
    if (byId.has(c.id)) addIssue(["components", i, "id"], `duplicate component id "${c.id}"`);
    byId.set(c.id, c);
  });
  components.forEach((c, i) => {
    if (!c) return;
    // Names become Kubernetes object names, so they must be unique where they are rendered: per cluster.
    const scope = c.kind === "cluster" ? "<clusters>" : (c.cluster ?? "<outside>");
    const key = `${scope}/${c.name}`;
    if (names.has(key))
      addIssue(
        ["components", i, "name"],
        `duplicate name "${c.name}" (also used by components[${names.get(key)}]${c.kind === "cluster" ? "" : " in the same cluster"})`,
      );
    else names.set(key, i);

    if (c.kind === "cluster") {
      if (c.cluster) addIssue(["components", i, "cluster"], "a cluster cannot be inside another cluster");
      return;
    }
    if (c.cluster === undefined) {
      if (isKind(c.kind) && KINDS[c.kind].needsCluster)
        addIssue(["components", i, "cluster"], `${KINDS[c.kind].label} "${c.name}" must be placed inside a cluster`);
      return;
    }
    const parent = byId.get(c.cluster);
    if (!parent) addIssue(["components", i, "cluster"], `unknown cluster id "${c.cluster}"`);
    else if (parent.kind !== "cluster")
      addIssue(
        ["components", i, "cluster"],
        `"${c.cluster}" is a ${isKind(parent.kind) ? KINDS[parent.kind].label : parent.kind}, not a cluster`,
      );
  });

  const connectionIds = new Set<string>();
  const pairs = new Set<string>();
  connections.forEach((e, i) => {
    if (!e) return;
    if (connectionIds.has(e.id)) addIssue(["connections", i, "id"], `duplicate connection id "${e.id}"`);
    connectionIds.add(e.id);
    const from = byId.get(e.from);
    const to = byId.get(e.to);
    if (!from) addIssue(["connections", i, "from"], `unknown component id "${e.from}"`);
    if (!to) addIssue(["connections", i, "to"], `unknown component id "${e.to}"`);
    if (!from || !to) return;
    if (e.from === e.to) {
      addIssue(["connections", i], "a component cannot connect to itself");
      return;
    }
    if (isConnectionKind(e.kind) && isKind(from.kind) && isKind(to.kind)) {
      const problem = connectionProblem(e.kind, from.kind, to.kind);
      if (problem) addIssue(["connections", i, "kind"], `illegal connection: ${problem}`);
    }
    const pair = `${e.kind}:${e.from}->${e.to}`;
    if (pairs.has(pair))
      addIssue(["connections", i], `duplicate ${e.kind} connection from "${from.name}" to "${to.name}"`);
    pairs.add(pair);
  });
}

/** Best-effort read of the referential fields of a document that failed the schema. */
function looseRefs(input: unknown): {
  components: (RefComponent | undefined)[];
  connections: (RefConnection | undefined)[];
} {
  const rec = (v: unknown): Record<string, unknown> | undefined =>
    typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  const doc = rec(input);
  const list = (v: unknown) => (Array.isArray(v) ? v : []);
  const components = list(doc?.components).map((raw) => {
    const c = rec(raw);
    const id = str(c?.id);
    const kind = str(c?.kind);
    const name = str(c?.name);
    if (id === undefined || kind === undefined || name === undefined) return undefined;
    return { id, kind, name, cluster: str(c?.cluster) };
  });
  const connections = list(doc?.connections).map((raw) => {
    const e = rec(raw);
    const [id, kind, from, to] = [str(e?.id), str(e?.kind), str(e?.from), str(e?.to)];
    return id === undefined || kind === undefined || from === undefined || to === undefined
      ? undefined
      : { id, kind, from, to };
  });
  return { components, connections };
}

export const designSchema = designShape.superRefine((d, ctx) =>
  checkReferences(d.components, d.connections, (path, message) => ctx.addIssue({ code: "custom", path, message })),
);

export interface DesignIssue {
  path: string;
  message: string;
}

/** Dotted path as the API reports it: `components.3.settings.replicas`. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.map(String).join(".");
}

export type DesignValidation = { ok: true; design: Design } | { ok: false; issues: DesignIssue[] };

/** Validate an untrusted document (older formats are migrated first); never throws. Every problem is listed with its path. */
export function validateDesign(input: unknown): DesignValidation {
  let migrated: unknown;
  try {
    migrated = migrateDocument(input);
  } catch (e) {
    if (e instanceof UnsupportedSchemaVersionError)
      return { ok: false, issues: [{ path: "schemaVersion", message: e.message }] };
    throw e;
  }
  const r = designSchema.safeParse(migrated);
  if (r.success) return { ok: true, design: r.data };
  const issues = r.error.issues.map((i) => ({ path: issuePath(i.path), message: i.message }));
  // Zod skips refinements once a field fails; run the reference checks anyway so every problem is listed at once.
  const seen = new Set(issues.map((i) => `${i.path}\n${i.message}`));
  const { components, connections } = looseRefs(migrated);
  checkReferences(components, connections, (path, message) => {
    const issue = { path: issuePath(path), message };
    if (!seen.has(`${issue.path}\n${message}`)) issues.push(issue);
  });
  return { ok: false, issues };
}

/** Parse a document known to be valid (templates, stored revisions); throws with every issue otherwise. */
export function parseDesign(input: unknown): Design {
  const r = validateDesign(input);
  if (!r.ok)
    throw new Error(`invalid design:\n${r.issues.map((i) => `  ${i.path || "(root)"}: ${i.message}`).join("\n")}`);
  return r.design;
}

export type { ComponentKind, ConnectionKind };
