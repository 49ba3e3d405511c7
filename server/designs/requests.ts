// Request bodies and query strings of the designs, render and templates APIs. The design document itself is
// taken as `unknown` here and validated by the service with validateDesign, so its issues are reported by
// their path inside the document (`components.3.name`) and a too-large design can answer 413 first.
import { z } from "zod";

export const designName = z.string().trim().min(1, "name is required").max(120, "name must be at most 120 characters");
// A revision message: one line or a short paragraph, shown in the revision list, Compare and history.
// A blank message is no message, so the list never shows an empty "·".
const message = z
  .string()
  .trim()
  .max(500, "message must be at most 500 characters")
  .transform((m) => m || undefined)
  .optional();
const present = (v: unknown) => v !== undefined && v !== null;

export const CreateDesignBody = z
  .object({
    name: designName,
    template: z.string().min(1).max(100).optional(),
    design: z.unknown().optional(),
    message,
    /** "Save mine as a copy": the revision the edit started from, whose kept secrets the copy may take. */
    copyOf: z
      .object({ design: z.string().min(1).max(100), revision: z.number().int().min(1) })
      .strict()
      .optional(),
  })
  .refine((b) => present(b.template) !== present(b.design), {
    message: 'send either "template" (a template name) or "design" (a design document)',
    path: ["template"],
  });
export type CreateDesignBody = z.output<typeof CreateDesignBody>;

export const SaveDesignBody = z
  .object({
    baseRevision: z.number().int("baseRevision must be a whole number").min(1, "baseRevision must be 1 or more"),
    design: z.unknown(),
    message,
  })
  .refine((b) => present(b.design), { message: "design is required", path: ["design"] });
export type SaveDesignBody = z.output<typeof SaveDesignBody>;

export const RenameDesignBody = z.object({ name: designName });

export const DuplicateDesignBody = z.object({ name: designName.optional() }).prefault({});

/** Owner label value for previews: a Kubernetes label value. */
const labelValue = z
  .string()
  .max(63)
  .regex(/^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/, "must be a Kubernetes label value");

export const RenderBody = z
  .object({
    design: z.unknown(),
    cluster: z.string().min(1).max(100).optional(),
    /** Optional: the saved design being edited, so preview objects carry the same owner label as deployed ones. */
    designId: labelValue.optional(),
  })
  .refine((b) => present(b.design), { message: "design is required", path: ["design"] });
export type RenderBody = z.output<typeof RenderBody>;

const revisionNumber = z.coerce.number().int("revision must be a whole number").min(1, "revision must be 1 or more");

export const RevisionQuery = z.object({ revision: revisionNumber.optional() });

export const ManifestsQuery = z.object({
  cluster: z.string().min(1).max(100).optional(),
  revision: revisionNumber.optional(),
});

/** A `:rev` path segment. */
export const RevisionParam = revisionNumber;
