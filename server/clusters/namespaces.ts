// Which namespaces designs may use on a registered cluster: an admin setting, stored as a JSON array
// (null = any). Status and deploy both check it, so a design cannot point a cluster's credentials at
// namespaces the admin kept out of reach.
import { z } from "zod";
import { ForbiddenError } from "@/server/errors";

export const namespaceName = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "must be a DNS-1123 label")
  .max(63);

/** PATCH /api/clusters/:id: what an admin may change on a registered cluster (at least one field). */
export const UpdateClusterBody = z
  .object({
    allowedNamespaces: z.array(namespaceName).max(200).nullable().optional(),
    production: z.boolean().optional(),
  })
  .strict()
  .refine((b) => b.allowedNamespaces !== undefined || b.production !== undefined, {
    message: "give allowedNamespaces or production",
    path: ["allowedNamespaces"],
  });

export function parseAllowedNamespaces(stored: string | null): string[] | null {
  if (stored === null) return null;
  try {
    const parsed = z.array(z.string()).safeParse(JSON.parse(stored));
    // Unreadable means "restricted to nothing", never "any".
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** The namespaces among `wanted` that the cluster does not allow (empty when all are allowed). */
export function disallowedNamespaces(allowed: readonly string[] | null, wanted: Iterable<string>): string[] {
  if (allowed === null) return [];
  const ok = new Set(allowed);
  return [...new Set(wanted)].filter((ns) => !ok.has(ns)).sort();
}

/** A Forbidden domain error, so every caller (plan, deploy, import discovery) answers 403 the same way. */
export class NamespaceNotAllowedError extends ForbiddenError {}

/** Throws when a deploy or plan would write outside the namespaces the registered cluster allows. */
export function assertNamespacesAllowed(
  cluster: { name: string; allowedNamespaces: string[] | null },
  namespaces: Iterable<string>,
): void {
  const outside = disallowedNamespaces(cluster.allowedNamespaces, namespaces);
  if (outside.length)
    throw new NamespaceNotAllowedError(
      `namespace${outside.length === 1 ? "" : "s"} ${outside.join(", ")} not allowed on registered cluster "${cluster.name}"`,
    );
}
