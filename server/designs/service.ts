// Designs: create, list, read, save (immutable revisions, optimistic concurrency), rename, duplicate,
// delete, plus the derived views (manifests, lint) and the unsaved-design preview. Route handlers call
// these; the domain errors thrown here become statuses in route() only.
import "server-only";
import {
  keepMaskedSecrets,
  mapSecrets,
  maskSecrets,
  MAX_COMPONENTS,
  MAX_CONNECTIONS,
  parseDesign,
  validateDesign,
  type Design,
  type DesignIssue,
} from "@/lib/topology";
import { layoutIfNeeded } from "@/lib/topology/layout";
import { lintDesign } from "@/lib/topology/lint";
import type { Finding } from "@/lib/topology/lint/types";
import { getTemplate, TEMPLATES } from "@/lib/topology/templates";
import { SecretBoxError } from "@/server/crypto/secret-box";
import { db, type Db } from "@/server/db/client";
import {
  ConflictError,
  DomainError,
  InvalidError,
  NotFoundError,
  TooLargeError,
  UnprocessableError,
} from "@/server/errors";
import { bundleFiles, render, renderAll, toYaml, type BundleFile } from "@/server/render";
import { designRepository, type DesignRecord, type LintCounts, type RevisionRecord } from "./repository";
import { auditBindingChanges } from "@/server/audit/bindings";
import { forgetSharesOfDesign } from "@/server/shares/service";
import { assertEndpointsAllowed, assertSecretsStillBound, copyKeepsSecrets } from "./save-guards";
import { readDocument, sealDocument, storedDocument } from "./stored-document";
import type { CreateDesignBody, SaveDesignBody } from "./requests";

/** Who performs a write: becomes the owner of a new design and the author of a revision. */
export interface Author {
  id: string;
  /** Needed for copies: secrets follow a copy only up to the copier's role. */
  role?: string;
  email?: string;
}

export interface UserRef {
  id: string;
  name: string;
}

export interface DesignSummary {
  id: string;
  name: string;
  owner: UserRef;
  latestRevision: number;
  approvedRevision: number | null;
  updatedAt: string;
  createdAt: string;
  lint: LintCounts;
}

/** A row of the designs list: the summary plus the description the list searches. */
export interface DesignListItem extends DesignSummary {
  description: string;
}

export interface DesignDetail extends Omit<DesignSummary, "lint"> {
  revision: number;
  design: Design;
}

export interface RevisionSummary {
  revision: number;
  author: UserRef;
  message: string | null;
  createdAt: string;
  lint: LintCounts;
}

export interface RevisionDetail {
  revision: number;
  design: Design;
  author: UserRef;
  message: string | null;
  createdAt: string;
}

export interface RenderedCluster {
  name: string;
  yaml: string;
  objectCount: number;
}

// ---------------------------------------------------------------------------------------------------
// Pure pieces (no database)

/**
 * Accepts an untrusted document: 413 when it has more components or connections than a design may hold
 * (checked before the schema so the answer names the real problem), 400 with every issue by path otherwise.
 */
export function acceptDesign(input: unknown): Design {
  const doc = input as { components?: unknown; connections?: unknown } | null;
  const count = (v: unknown) => (Array.isArray(v) ? v.length : 0);
  if (count(doc?.components) > MAX_COMPONENTS) {
    throw new TooLargeError(
      `a design holds at most ${MAX_COMPONENTS} components; this one has ${count(doc?.components)}`,
      {
        limit: MAX_COMPONENTS,
        count: count(doc?.components),
      },
    );
  }
  if (count(doc?.connections) > MAX_CONNECTIONS) {
    throw new TooLargeError(
      `a design holds at most ${MAX_CONNECTIONS} connections; this one has ${count(doc?.connections)}`,
      {
        limit: MAX_CONNECTIONS,
        count: count(doc?.connections),
      },
    );
  }
  const v = validateDesign(input);
  if (!v.ok) throw invalidDesign(v.issues);
  return v.design;
}

function invalidDesign(issues: DesignIssue[]): DomainError {
  return new InvalidError(`invalid design: ${issues.length} problem${issues.length === 1 ? "" : "s"}`, { issues });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function lintCounts(findings: readonly Finding[]): LintCounts {
  let errors = 0;
  let warnings = 0;
  for (const f of findings) {
    if (f.severity === "error") errors++;
    else if (f.severity === "warning") warnings++;
  }
  return { errors, warnings };
}

/** Lint always sees the masked design: findings must never quote a secret value. */
function lintMasked(design: Design): Finding[] {
  return lintDesign(maskSecrets(design));
}

export function clusterNames(design: Design): string[] {
  return design.components.filter((c) => c.kind === "cluster").map((c) => c.name);
}

function unknownCluster(name: string, design: Design): DomainError {
  const known = clusterNames(design);
  return new NotFoundError(
    `unknown cluster "${name}"; this design has ${known.length ? known.map((n) => `"${n}"`).join(", ") : "no clusters"}`,
    {
      clusters: known,
    },
  );
}

/** Render failures are a property of the design (something lint flags), not a server fault. */
function renderGuard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw new UnprocessableError(`cannot render this design: ${(err as Error).message}`);
  }
}

/** Renders a (masked) design per cluster; `cluster` limits it to one, 404 naming the known ones otherwise. */
export function renderClusters(design: Design, opts: { cluster?: string; designId?: string }): RenderedCluster[] {
  const masked = maskSecrets(design);
  const renderOpts = { designId: opts.designId, secrets: "masked" as const };
  if (opts.cluster !== undefined) {
    const name = opts.cluster;
    if (!clusterNames(masked).includes(name)) throw unknownCluster(name, masked);
    const objects = renderGuard(() => render(masked, name, renderOpts));
    return [{ name, yaml: toYaml(objects), objectCount: objects.length }];
  }
  return renderGuard(() => renderAll(masked, renderOpts)).map((r) => ({
    name: r.cluster,
    yaml: toYaml(r.objects),
    objectCount: r.objects.length,
  }));
}

/** One multi-document YAML; with several clusters each part starts with a `# cluster: NAME` line. */
export function manifestsYaml(clusters: RenderedCluster[], single: boolean): string {
  if (single) return clusters[0]?.yaml ?? "";
  return clusters
    .map((c) => `# cluster: ${c.name}\n${c.yaml.replace(/^---\n/, "").replace(/\n*$/, "\n")}`)
    .join("---\n");
}

/** POST /api/render: an unsaved design from the editor, secrets masked, with its lint findings. */
export function renderPreview(
  input: unknown,
  opts: { cluster?: string; designId?: string } = {},
): { clusters: RenderedCluster[]; findings: Finding[] } {
  const design = acceptDesign(input);
  return { clusters: renderClusters(design, opts), findings: lintMasked(design) };
}

/**
 * The owner identity a preview renders with: a saved design's id only when that design exists and the
 * caller may read it (404 otherwise, so a made-up id cannot label objects as another design's).
 */
export async function previewIdentity(designId: string | undefined, client: Db = db()): Promise<string | undefined> {
  if (designId === undefined) return undefined;
  if (!(await designRepository(client).find(designId))) throw notFound(designId);
  return designId;
}

/** Every cluster of an (untrusted) design as the bundle layout (masked): what the zip and Git export hold. */
export function previewBundle(input: unknown, designId: string | undefined): { design: Design; files: BundleFile[] } {
  const design = maskSecrets(acceptDesign(input));
  const rendered = renderGuard(() => renderAll(design, { designId, secrets: "masked" }));
  return { design, files: bundleFiles(rendered) };
}

export function listTemplates(): { name: string; title: string; description: string; componentCount: number }[] {
  return TEMPLATES.map((t) => ({
    name: t.name,
    title: t.title,
    description: t.description,
    componentCount: t.design.components.length,
  }));
}

export function templateDesign(name: string): Design {
  const t = getTemplate(name);
  if (!t)
    throw new NotFoundError(`unknown template "${name}"; known templates: ${TEMPLATES.map((x) => x.name).join(", ")}`);
  return maskSecrets(parseDesign(t.design));
}

// ---------------------------------------------------------------------------------------------------
// Persistence

function summary(r: DesignRecord): DesignSummary {
  return {
    id: r.id,
    name: r.name,
    owner: r.owner,
    latestRevision: r.latestRevision,
    approvedRevision: r.approvedRevision,
    updatedAt: r.updatedAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
    lint: { errors: r.lintErrors, warnings: r.lintWarnings },
  };
}

/** The description inside a stored document; "" rather than fail on an unreadable one. */
function storedDescription(document: string | undefined): string {
  try {
    const d = (JSON.parse(document ?? "{}") as { description?: unknown }).description;
    return typeof d === "string" ? d : "";
  } catch {
    return "";
  }
}

const notFound = (id: string) => new NotFoundError(`design "${id}" not found`);

export function designService(client: Db = db()) {
  const repo = designRepository(client);

  async function requireDesign(id: string): Promise<DesignRecord> {
    const record = await repo.find(id);
    if (!record) throw notFound(id);
    return record;
  }

  async function requireRevision(record: DesignRecord, revision: number | undefined): Promise<RevisionRecord> {
    const number = revision ?? record.latestRevision;
    const rev = await repo.findRevision(record.id, number);
    if (!rev)
      throw new NotFoundError(
        `revision ${number} of design "${record.id}" not found (latest is ${record.latestRevision})`,
      );
    return rev;
  }

  async function keepsSecretsOf(author: Author, record: DesignRecord): Promise<boolean> {
    const owner = await repo.findOwner(record.owner.id);
    return !!owner && copyKeepsSecrets({ id: author.id, role: author.role ?? "" }, owner);
  }

  /** The revision a "save as a copy" came from, in the merge view, when its secrets may follow the copy. */
  async function copySource(author: Author, from: { design: string; revision: number }): Promise<Design | undefined> {
    const record = await requireDesign(from.design);
    const rev = await requireRevision(record, from.revision);
    return (await keepsSecretsOf(author, record)) ? readDocument(rev.document, "merge") : undefined;
  }

  return {
    async list(): Promise<DesignListItem[]> {
      const records = await repo.list();
      // Only rows the migration could not fill read their document, once: the fill is stored.
      const unfilled = records.filter((r) => r.description === null);
      const documents = await repo.latestDocuments(unfilled);
      const filled = unfilled.map((r) => ({ ...r, description: storedDescription(documents.get(r.id)) }));
      await repo.fillDescriptions(filled);
      const fills = new Map(filled.map((r) => [r.id, r.description]));
      return records.map((r) => ({ ...summary(r), description: r.description ?? fills.get(r.id) ?? "" }));
    },

    async create(author: Author, body: CreateDesignBody): Promise<{ id: string; name: string; latestRevision: 1 }> {
      let source: unknown;
      let message = body.message ?? null;
      if (body.template !== undefined) {
        const t = getTemplate(body.template);
        if (!t) {
          throw new InvalidError(`unknown template "${body.template}"`, {
            issues: [
              {
                path: "template",
                message: `unknown template "${body.template}"; known templates: ${TEMPLATES.map((x) => x.name).join(", ")}`,
              },
            ],
          });
        }
        source = t.design;
        message ??= `Created from template ${t.name}`;
      } else {
        if (!isObject(body.design)) throw invalidDesign([{ path: "", message: "design must be a JSON object" }]);
        source = body.design;
      }
      // The request's name names the document too, so the list and the editor agree from the start.
      const accepted = acceptDesign(isObject(source) ? { ...source, name: body.name } : source);
      // Revision 1 opens laid out (no positions, overlaps, children outside their cluster); a "save mine as a
      // copy" keeps the editor's geometry as the user left it.
      const design = body.copyOf ? accepted : await layoutIfNeeded(accepted);
      // A built-in template's endpoints are the studio's own text, not something a user typed.
      if (body.template === undefined) await assertEndpointsAllowed(design, undefined);
      const copied = body.copyOf ? await copySource(author, body.copyOf) : undefined;
      if (copied) assertSecretsStillBound(design, copied);
      const stored = keepMaskedSecrets(design, copied); // a mask with nothing behind it is dropped
      const lint = lintCounts(lintMasked(stored));
      const record = await repo.create({
        name: body.name,
        ownerId: author.id,
        document: sealDocument(stored),
        description: stored.description,
        message,
        lint,
      });
      return { id: record.id, name: record.name, latestRevision: 1 };
    },

    async get(id: string): Promise<DesignDetail> {
      const record = await requireDesign(id);
      const rev = await requireRevision(record, undefined);
      const { lint: _lint, ...rest } = summary(record);
      return { ...rest, revision: rev.number, design: readDocument(rev.document, "masked") };
    },

    async getRevision(id: string, revision: number): Promise<RevisionDetail> {
      const rev = await requireRevision(await requireDesign(id), revision);
      return {
        revision: rev.number,
        design: readDocument(rev.document, "masked"),
        author: rev.author,
        message: rev.message,
        createdAt: rev.createdAt.toISOString(),
      };
    },

    async listRevisions(id: string): Promise<RevisionSummary[]> {
      await requireDesign(id);
      return (await repo.listRevisions(id)).map((r) => ({
        revision: r.number,
        author: r.author,
        message: r.message,
        createdAt: r.createdAt.toISOString(),
        // Counts are stored with each revision; only rows older than those columns are linted here.
        lint:
          r.lintErrors !== null && r.lintWarnings !== null
            ? { errors: r.lintErrors, warnings: r.lintWarnings }
            : lintCounts(lintDesign(readDocument(r.document, "masked"))),
      }));
    },

    /** Stores revision baseRevision+1, or 409 {currentRevision} when someone saved in between. */
    async save(author: Author, id: string, body: SaveDesignBody): Promise<{ revision: number }> {
      const record = await requireDesign(id);
      const conflict = (current: number) =>
        new ConflictError(
          `design was saved in between: revision ${current} is the latest, your edit is based on ${body.baseRevision}`,
          {
            currentRevision: current,
          },
        );
      if (body.baseRevision !== record.latestRevision) throw conflict(record.latestRevision);
      const incoming = acceptDesign(body.design);
      // Revisions are immutable, so the base revision read outside the transaction cannot change under us.
      const base = await requireRevision(record, body.baseRevision);
      const previous = readDocument(base.document, "merge");
      await assertEndpointsAllowed(incoming, previous);
      assertSecretsStillBound(incoming, previous);
      const merged = keepMaskedSecrets(incoming, previous);
      const lint = lintCounts(lintMasked(merged));
      const result = await repo.append({
        designId: id,
        baseRevision: body.baseRevision,
        document: sealDocument(merged),
        description: merged.description,
        authorId: author.id,
        message: body.message ?? null,
        lint,
      });
      if (result.ok) {
        await auditBindingChanges(author, id, result.revision, previous, merged);
        return { revision: result.revision };
      }
      if (result.currentRevision === null) throw notFound(id);
      throw conflict(result.currentRevision);
    },

    async rename(id: string, name: string): Promise<{ id: string; name: string }> {
      if (!(await repo.rename(id, name))) throw notFound(id);
      return { id, name };
    },

    /** A new design owned by `author` whose revision 1 is the source's latest revision (secrets stay sealed). */
    async duplicate(
      author: Author,
      id: string,
      name?: string,
    ): Promise<{ id: string; name: string; secretsCopied: boolean }> {
      const record = await requireDesign(id);
      const rev = await requireRevision(record, undefined);
      const newName = name ?? `${record.name} (copy)`.slice(0, 120);
      // Older revisions may predate server-side layout: the copy opens laid out like every new design.
      const source = await layoutIfNeeded(storedDocument(rev.document));
      const keep = await keepsSecretsOf(author, record);
      const copy = await repo.create({
        name: newName,
        ownerId: author.id,
        document: JSON.stringify({ ...(keep ? source : mapSecrets(source, () => undefined)), name: newName }),
        description: source.description ?? "", // documents older than the field have none
        message: `Duplicated from "${record.name}" revision ${rev.number}${keep ? "" : " (secret values not copied)"}`,
        lint: { errors: record.lintErrors, warnings: record.lintWarnings },
      });
      return { id: copy.id, name: copy.name, secretsCopied: keep };
    },

    async remove(id: string): Promise<void> {
      if (!(await repo.remove(id))) throw notFound(id);
      forgetSharesOfDesign(id); // its shares went with it: their links stop now, not at the next recheck
    },

    /** Server-side only (deploy): the revision with secret values in clear. Never send this to a browser. */
    async getDecryptedRevision(
      id: string,
      revision?: number,
    ): Promise<{ designId: string; revision: number; design: Design }> {
      const rev = await requireRevision(await requireDesign(id), revision);
      try {
        return { designId: id, revision: rev.number, design: readDocument(rev.document, "clear") };
      } catch (err) {
        if (!(err instanceof SecretBoxError)) throw err;
        // The key changed (or the row was tampered with): say what to do rather than fail with a 500.
        throw new UnprocessableError(
          `cannot decrypt the secret values of revision ${rev.number}: ${err.message}; re-enter them in the design and save`,
        );
      }
    },

    /** Multi-document YAML of a saved revision (secrets masked); the owner label is the design id. */
    async manifests(id: string, opts: { cluster?: string; revision?: number }): Promise<string> {
      const rev = await requireRevision(await requireDesign(id), opts.revision);
      const design = readDocument(rev.document, "masked");
      return manifestsYaml(renderClusters(design, { cluster: opts.cluster, designId: id }), opts.cluster !== undefined);
    },

    async lint(id: string, revision?: number): Promise<{ revision: number; findings: Finding[] }> {
      const rev = await requireRevision(await requireDesign(id), revision);
      return { revision: rev.number, findings: lintDesign(readDocument(rev.document, "masked")) };
    },
  };
}

export type DesignService = ReturnType<typeof designService>;
