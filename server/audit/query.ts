// The audit log's filters as the API takes them (query string), shared by the list and the export.
import { z } from "zod";
import type { AuditFilter } from "./log";

const isoDate = z
  .string()
  .max(40)
  .refine((v) => !Number.isNaN(Date.parse(v)), "must be an ISO date or date-time")
  .transform((v) => new Date(v));

export const AuditQuery = z
  .object({
    action: z
      .string()
      .max(60)
      .regex(/^[a-z_.]+$/, "an action like deploy.finished, or a prefix like deploy.")
      .optional(),
    actor: z.string().max(320).optional(),
    target: z.string().max(200).optional(),
    from: isoDate.optional(),
    // A bare date means the whole of that day.
    to: z
      .string()
      .max(40)
      .refine((v) => !Number.isNaN(Date.parse(v)), "must be an ISO date or date-time")
      .transform((v) => new Date(Date.parse(v) + (/^\d{4}-\d{2}-\d{2}$/.test(v) ? 86_400_000 - 1 : 0)))
      .optional(),
    before: z.string().max(64).optional(),
    limit: z.coerce.number().int().min(1).max(1000).optional(),
  })
  .strict();

export function auditFilter(q: z.output<typeof AuditQuery>): AuditFilter {
  return q;
}
