import { z } from "zod";

/** A Kubernetes object name segment (RFC 1123 label). Kept short: we append suffixes such as `-headless` and `-shard-3-0`. */
export const dnsName = z
  .string()
  .min(1, "name must not be empty")
  .max(40, "name must be at most 40 characters (suffixes are appended to it)")
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    "must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending alphanumeric",
  );

/** Prometheus duration: `30s`, `2h`, `1d12h`, `90d`. */
export const duration = z
  .string()
  .regex(/^(\d+y)?(\d+w)?(\d+d)?(\d+h)?(\d+m)?(\d+s)?(\d+ms)?$/, "must be a Prometheus duration such as 30s, 2h or 90d")
  .refine((s) => s.length > 0 && /\d/.test(s), "must be a Prometheus duration such as 30s, 2h or 90d");

/** Kubernetes resource quantity: `500m`, `2`, `4Gi`. */
export const quantity = z
  .string()
  .regex(
    /^\d+(\.\d+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/,
    "must be a Kubernetes quantity such as 500m, 2, 512Mi or 50Gi",
  );

/** Human byte size as Thanos spells it: `250MB`, `1GB`. */
export const byteSize = z.string().regex(/^\d+(KB|MB|GB|TB|KiB|MiB|GiB|TiB|B)$/, "must be a size such as 250MB or 1GB");

export const labelName = z
  .string()
  .regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, "must be a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)");
export const labelSet = z.record(labelName, z.string().max(256));
/** A rule's PromQL expression; lint parses it (promql-syntax), the inspector edits it with the PromQL editor. */
export const promqlExpr = z.string().min(1).max(10_000);

/**
 * A secret value (object-store key, password). In a document sent to the browser it is either absent or
 * SECRET_MASK; on save, SECRET_MASK means "keep the stored value". At rest the server seals it.
 */
export const secretValue = z.string().max(16_384);
export const SECRET_MASK = "********";

export const resources = z
  .object({
    requests: z.object({ cpu: quantity.optional(), memory: quantity.optional() }).prefault({}),
    limits: z.object({ cpu: quantity.optional(), memory: quantity.optional() }).prefault({}),
  })
  .prefault({});

export const storage = z
  .object({
    size: quantity.default("20Gi"),
    storageClass: z.string().max(253).optional(),
  })
  .prefault({});

export const image = z
  .string()
  .max(512)
  .regex(/^[\w.\-/:@]+$/, "must be an image reference such as quay.io/thanos/thanos:v0.42.4")
  .optional()
  .describe("Overrides the image derived from the design's versions.");

export const replicas = (def: number, max = 100) =>
  z.number().int("must be a whole number").min(0, "must be 0 or more").max(max, `must be at most ${max}`).default(def);

/** Parse a Prometheus duration into milliseconds (validation happens in the schema). */
export function durationMs(d: string): number {
  const units: Record<string, number> = {
    y: 31_536_000_000,
    w: 604_800_000,
    d: 86_400_000,
    h: 3_600_000,
    m: 60_000,
    s: 1000,
    ms: 1,
  };
  let total = 0;
  for (const m of d.matchAll(/(\d+)(ms|y|w|d|h|m|s)/g)) total += Number(m[1]) * units[m[2]];
  return total;
}

/**
 * Command-line arguments the model has no field for (kept by import), appended verbatim after the ones render
 * writes, so an imported workload re-renders without losing behaviour.
 */
export const extraArgs = z
  .array(z.string().min(1).max(4096))
  .max(100, "at most 100 extra arguments")
  .default([])
  .describe("Extra command-line arguments appended after the generated ones.");
