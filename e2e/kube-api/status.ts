// Kubernetes `Status` error objects, with the reasons and messages the real API server uses.
import type { ResourceType } from "./resources";

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
  toStatus(): Record<string, unknown> {
    return {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

const qualified = (rt: ResourceType) => (rt.group ? `${rt.plural}.${rt.group}` : rt.plural);
const detailsOf = (rt: ResourceType, name?: string) => ({
  ...(name ? { name } : {}),
  ...(rt.group ? { group: rt.group } : {}),
  kind: rt.plural,
});

export const notFound = (rt: ResourceType, name: string) =>
  new ApiError(404, "NotFound", `${qualified(rt)} "${name}" not found`, detailsOf(rt, name));

export const alreadyExists = (rt: ResourceType, name: string) =>
  new ApiError(409, "AlreadyExists", `${qualified(rt)} "${name}" already exists`, detailsOf(rt, name));

export const conflict = (rt: ResourceType, name: string, why: string, causes?: unknown[]) =>
  new ApiError(409, "Conflict", `Operation cannot be fulfilled on ${qualified(rt)} "${name}": ${why}`, {
    ...detailsOf(rt, name),
    ...(causes ? { causes } : {}),
  });

export const invalid = (
  rt: ResourceType,
  name: string,
  causes: { field: string; message: string; value?: unknown }[],
) =>
  new ApiError(
    422,
    "Invalid",
    `${rt.kind}${rt.group ? `.${rt.group}` : ""} "${name}" is invalid: ` +
      causes.map((c) => `${c.field}: Invalid value: ${JSON.stringify(c.value ?? "")}: ${c.message}`).join(", "),
    {
      ...detailsOf(rt, name),
      kind: rt.kind,
      causes: causes.map((c) => ({
        reason: "FieldValueInvalid",
        message: `Invalid value: ${JSON.stringify(c.value ?? "")}: ${c.message}`,
        field: c.field,
      })),
    },
  );

export const forbidden = (user: string, verb: string, rt: ResourceType, ns: string | undefined, name?: string) =>
  new ApiError(
    403,
    "Forbidden",
    `${qualified(rt)}${name ? ` "${name}"` : ""} is forbidden: User "${user}" cannot ${verb} resource "${rt.plural}" in API group "${rt.group}"` +
      (ns ? ` in the namespace "${ns}"` : " at the cluster scope"),
    detailsOf(rt, name),
  );

export const badRequest = (message: string) => new ApiError(400, "BadRequest", message);
export const unauthorized = () => new ApiError(401, "Unauthorized", "Unauthorized");
export const internalError = (message: string) =>
  new ApiError(500, "InternalError", `Internal error occurred: ${message}`);
