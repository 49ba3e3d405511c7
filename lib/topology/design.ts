import { z } from "zod";
import { CONNECTION_KINDS, KINDS, connectionProblem, type ComponentKind, type ConnectionKind } from "./catalog";
import { clusterSettings } from "./kinds/cluster";
import { prometheusSettings } from "./kinds/prometheus";
import {
  bucketWebSettings,
  compactorSettings,
  queryFrontendSettings,
  querySettings,
  receiverSettings,
  rulerSettings,
  storeGatewaySettings,
} from "./kinds/thanos";
import { alertmanagerSettings, grafanaSettings, memcachedSettings, objectStoreSettings } from "./kinds/others";
import { dnsName } from "./primitives";
import { migrateDocument, UnsupportedSchemaVersionError } from "./migrate";
import { versionsSchema } from "./versions";

/** The document format version. Bump it with a migration in `migrate.ts` when the shape changes. */
export const SCHEMA_VERSION = 1;
export const MAX_COMPONENTS = 2000;
export const MAX_CONNECTIONS = 4000;
/** Largest design document the API accepts, in bytes of JSON. */
export const MAX_DESIGN_BYTES = 1024 * 1024;

const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "ids use letters, digits, '_' and '-'");
const position = z.object({ x: z.number().finite(), y: z.number().finite() });

const base = {
  id,
  name: dnsName,
  /** Id of the cluster component this one runs in (React Flow's parentId). */
  cluster: id.optional(),
  position: position.default({ x: 0, y: 0 }),
  notes: z.string().max(4000).optional(),
};

const component = <K extends ComponentKind, S extends z.ZodType>(kind: K, settings: S) =>
  z.object({ ...base, kind: z.literal(kind), settings: settings.prefault({} as never) });

export const componentSchema = z.discriminatedUnion("kind", [
  component("cluster", clusterSettings),
  component("prometheus", prometheusSettings),
  component("query", querySettings),
  component("queryFrontend", queryFrontendSettings),
  component("storeGateway", storeGatewaySettings),
  component("compactor", compactorSettings),
  component("ruler", rulerSettings),
  component("receiver", receiverSettings),
  component("bucketWeb", bucketWebSettings),
  component("objectStore", objectStoreSettings),
  component("alertmanager", alertmanagerSettings),
  component("memcached", memcachedSettings),
  component("grafana", grafanaSettings),
]);

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
  connections: z.array(connectionSchema).max(MAX_CONNECTIONS, `a design holds at most ${MAX_CONNECTIONS} connections`).default([]),
});

export type Design = z.output<typeof designShape>;
export type DesignInput = z.input<typeof designShape>;
export type Component = Design["components"][number];
export type Connection = Design["connections"][number];
export type ComponentOf<K extends ComponentKind> = Extract<Component, { kind: K }>;

/** Referential rules the per-field schema cannot express: unique ids and names, containment, legal connections. */
function checkReferences(d: Design, ctx: z.RefinementCtx) {
  const byId = new Map<string, Component>();
  const names = new Map<string, number>();
  d.components.forEach((c, i) => {
    if (byId.has(c.id)) ctx.addIssue({ code: "custom", path: ["components", i, "id"], message: `duplicate component id "${c.id}"` });
    byId.set(c.id, c);
  });
  d.components.forEach((c, i) => {
    // Names become Kubernetes object names, so they must be unique where they are rendered: per cluster.
    const scope = c.kind === "cluster" ? "<clusters>" : (c.cluster ?? "<outside>");
    const key = `${scope}/${c.name}`;
    if (names.has(key)) ctx.addIssue({ code: "custom", path: ["components", i, "name"], message: `duplicate name "${c.name}" (also used by components[${names.get(key)}]${c.kind === "cluster" ? "" : " in the same cluster"})` });
    else names.set(key, i);

    if (c.kind === "cluster") {
      if (c.cluster) ctx.addIssue({ code: "custom", path: ["components", i, "cluster"], message: "a cluster cannot be inside another cluster" });
      return;
    }
    if (c.cluster === undefined) {
      if (KINDS[c.kind].needsCluster) ctx.addIssue({ code: "custom", path: ["components", i, "cluster"], message: `${KINDS[c.kind].label} "${c.name}" must be placed inside a cluster` });
      return;
    }
    const parent = byId.get(c.cluster);
    if (!parent) ctx.addIssue({ code: "custom", path: ["components", i, "cluster"], message: `unknown cluster id "${c.cluster}"` });
    else if (parent.kind !== "cluster") ctx.addIssue({ code: "custom", path: ["components", i, "cluster"], message: `"${c.cluster}" is a ${KINDS[parent.kind].label}, not a cluster` });
  });

  const connectionIds = new Set<string>();
  const pairs = new Set<string>();
  d.connections.forEach((e, i) => {
    if (connectionIds.has(e.id)) ctx.addIssue({ code: "custom", path: ["connections", i, "id"], message: `duplicate connection id "${e.id}"` });
    connectionIds.add(e.id);
    const from = byId.get(e.from);
    const to = byId.get(e.to);
    if (!from) ctx.addIssue({ code: "custom", path: ["connections", i, "from"], message: `unknown component id "${e.from}"` });
    if (!to) ctx.addIssue({ code: "custom", path: ["connections", i, "to"], message: `unknown component id "${e.to}"` });
    if (!from || !to) return;
    if (e.from === e.to) {
      ctx.addIssue({ code: "custom", path: ["connections", i], message: "a component cannot connect to itself" });
      return;
    }
    const problem = connectionProblem(e.kind, from.kind, to.kind);
    if (problem) ctx.addIssue({ code: "custom", path: ["connections", i, "kind"], message: `illegal connection: ${problem}` });
    const pair = `${e.kind}:${e.from}->${e.to}`;
    if (pairs.has(pair)) ctx.addIssue({ code: "custom", path: ["connections", i], message: `duplicate ${e.kind} connection from "${from.name}" to "${to.name}"` });
    pairs.add(pair);
  });
}

export const designSchema = designShape.superRefine(checkReferences);

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
    if (e instanceof UnsupportedSchemaVersionError) return { ok: false, issues: [{ path: "schemaVersion", message: e.message }] };
    throw e;
  }
  const r = designSchema.safeParse(migrated);
  if (r.success) return { ok: true, design: r.data };
  return { ok: false, issues: r.error.issues.map((i) => ({ path: issuePath(i.path), message: i.message })) };
}

/** Parse a document known to be valid (templates, stored revisions); throws with every issue otherwise. */
export function parseDesign(input: unknown): Design {
  const r = validateDesign(input);
  if (!r.ok) throw new Error(`invalid design:\n${r.issues.map((i) => `  ${i.path || "(root)"}: ${i.message}`).join("\n")}`);
  return r.design;
}

export type { ComponentKind, ConnectionKind };
