import "server-only";
import { z } from "zod";
import { maskSecrets, type Design } from "@/lib/topology";
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
import type { Actor } from "@/server/auth/actor";
import { roleAtLeast } from "@/server/auth/roles";
import { assertNamespacesAllowed } from "@/server/clusters/namespaces";
import { connectionFor } from "@/server/clusters/service";
import { designService } from "@/server/designs/service";
import { designName } from "@/server/designs/requests";
import { HttpError } from "@/server/http/errors";
import { discoverObjects } from "./discover";

/** JSON escaping can grow a 10 MiB stream; the manifests themselves are measured below. */
export const MAX_IMPORT_BODY_BYTES = 3 * MAX_IMPORT_BYTES;

const manifests = z.string();
const clusterName = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "cluster names are DNS labels")
  .max(40);

export const ImportBody = z
  .object({
    name: designName,
    manifests: manifests.optional(),
    clusters: z
      .array(z.object({ name: clusterName, manifests }))
      .min(1)
      .max(20)
      .optional(),
    /** Read what runs in a registered cluster instead (deployer role). */
    discover: z
      .object({
        clusterId: z.string().min(1).max(64),
        /** The design's cluster name; default: from the objects. */
        name: clusterName.optional(),
        namespaces: z
          .array(
            z
              .string()
              .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "namespaces are DNS labels")
              .max(63),
          )
          .min(1)
          .max(20),
      })
      .optional(),
    /** Only report: nothing is stored (the UI shows the report before saving). */
    dryRun: z.boolean().default(false),
  })
  .refine((b) => [b.manifests, b.clusters, b.discover].filter((x) => x !== undefined).length === 1, {
    message: 'send one of "manifests" (a YAML stream), "clusters" ([{name, manifests}]) or "discover"',
    path: ["manifests"],
  });
export type ImportBody = z.output<typeof ImportBody>;

export type ImportResponse =
  { id: string; revision: number; report: ImportReport } | { design: Design; report: ImportReport };

function parseAll(
  sources: { name?: string; manifests: string; path: string }[],
): { name?: string; objects: KubeObject[] }[] {
  const total = sources.reduce((n, s) => n + Buffer.byteLength(s.manifests), 0);
  if (total > MAX_IMPORT_BYTES)
    throw new HttpError(413, `manifests are ${total} bytes; the limit is ${MAX_IMPORT_BYTES} (10 MiB)`);
  let count = 0;
  return sources.map((s) => {
    try {
      const objects = parseManifests(s.manifests);
      count += objects.length;
      if (count > 5000) throw new ImportLimitError("more than 5000 objects");
      return { name: s.name, objects };
    } catch (e) {
      if (e instanceof ImportLimitError) throw new HttpError(413, `${e.message}; the limit is 5000 objects and 10 MiB`);
      if (e instanceof ManifestParseError)
        throw new HttpError(400, `invalid manifests: ${e.message}`, {
          issues: [{ path: s.path, message: `document ${e.document} (line ${e.line}): ${e.reason}` }],
          document: e.document,
          line: e.line,
        });
      throw e;
    }
  });
}

/**
 * Import manifests (or what runs in a registered cluster) into a new design, laid out, with its report.
 * Nothing is stored unless the whole import succeeds; a dry run stores nothing and returns the masked design.
 */
export async function importDesign(actor: Actor, body: ImportBody): Promise<ImportResponse> {
  let clusters: { name?: string; objects: KubeObject[] }[];
  const extraNotes: string[] = [];
  if (body.discover) {
    if (!roleAtLeast(actor.user.role, "deployer"))
      throw new HttpError(403, "discovering a cluster needs the deployer role");
    const { cluster, conn } = await connectionFor(body.discover.clusterId);
    try {
      // The admin's namespace restriction on this cluster holds for reading too, not only for deploys.
      assertNamespacesAllowed(cluster, body.discover.namespaces);
      const found = await discoverObjects(conn, body.discover.namespaces);
      if (found.objects.length > 5000)
        throw new HttpError(413, "the namespaces hold more than 5000 objects; pick fewer");
      clusters = [{ name: body.discover.name, objects: found.objects }];
      extraNotes.push(...found.skipped.map((s) => `not read: ${s}`));
    } finally {
      conn.close();
    }
  } else if (body.clusters) {
    clusters = parseAll(
      body.clusters.map((c, i) => ({ name: c.name, manifests: c.manifests, path: `clusters.${i}.manifests` })),
    );
  } else clusters = parseAll([{ manifests: body.manifests ?? "", path: "manifests" }]);

  if (clusters.every((c) => c.objects.length === 0))
    throw new HttpError(400, "no Kubernetes objects in the input", {
      issues: [{ path: "manifests", message: "no Kubernetes objects" }],
    });
  const imported = importManifests({ name: body.name, clusters });
  const { report } = imported;
  // A discovered cluster node starts bound to the registered cluster it was read from.
  const design: Design = body.discover
    ? {
        ...imported.design,
        components: imported.design.components.map((c) =>
          c.kind === "cluster"
            ? { ...c, settings: { ...c.settings, registeredClusterId: body.discover!.clusterId } }
            : c,
        ),
      }
    : imported.design;
  for (const message of extraNotes) report.notes.push({ message });
  const laidOut = await layoutIfNeeded(design);
  if (body.dryRun) return { design: maskSecrets(laidOut), report };
  const created = await designService().create(actor.user, {
    name: body.name,
    design: laidOut,
    message: `Imported from ${body.discover ? "a registered cluster" : "manifests"} (${report.summary.mapped} of ${report.summary.objects} objects mapped)`,
  });
  return { id: created.id, revision: created.latestRevision, report };
}
