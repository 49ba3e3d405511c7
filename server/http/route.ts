// The route helper every API handler goes through: CSRF check → authenticate → authorize → validate
// params/query/body with zod → run the handler → JSON response. Handlers stay thin and never format errors.
//
//   export const POST = route({ role: "editor", body: CreateDesign }, async ({ actor, body }) => createDesign(actor!, body));
//
// Status codes: 400 {error, issues:[{path,message}]} bad JSON/fields · 401 no/invalid session or token ·
// 403 role too small or cross-site write · domain errors (server/errors.ts) by DOMAIN_STATUS: NotFound 404,
// Conflict 409, Invalid 400, Unprocessable 422, Forbidden 403, TooLarge 413, TooManyRequests 429, Upstream 502 — the only
// place they become statuses · 413 body over maxBodyBytes (default 1 MiB) · 500 {error:"internal error"}
// (logged, never a stack). `HttpError` stays for the rare handler-level status with no domain meaning.
// A handler's plain return value is sent as JSON 200; `undefined` gives 204; a Response passes through.
import { z } from "zod";
import { actorFromRequest, type Actor } from "@/server/auth/actor";
import { roleAtLeast, type Role } from "@/server/auth/roles";
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidError,
  NotFoundError,
  TooLargeError,
  TooManyRequestsError,
  UnprocessableError,
  UpstreamError,
} from "@/server/errors";
import { observeRequests } from "@/server/metrics/http";
import { HttpError, type ValidationIssue } from "./errors";
import { isCrossSiteWrite } from "./request-info";

export type { Role } from "@/server/auth/roles";
export type { Actor } from "@/server/auth/actor";
export { HttpError } from "./errors";
export { requirePageActor, currentPageActor } from "./page-auth";
export { clientAddress, isHttps } from "./request-info";

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface RouteContext<B, Q> {
  req: Request;
  actor: Actor | null;
  body: B;
  query: Q;
  params: Record<string, string>;
}

export interface RouteOptions<B, Q> {
  /** Minimum role; default "viewer" (any signed-in user). "public" lets anyone in (actor may still be set). */
  role?: Role | "public";
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  maxBodyBytes?: number;
}

export type RouteHandler = (
  req: Request,
  ctx: { params: Promise<Record<string, string | string[]>> },
) => Promise<Response>;

export function json(data: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json; charset=utf-8");
  if (!headers.has("cache-control")) headers.set("cache-control", "no-store");
  return new Response(JSON.stringify(data), { ...init, headers });
}

export function errorResponse(status: number, error: string, extra?: object): Response {
  return json({ ...extra, error }, { status });
}

export function zodIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
}

class BodyTooLarge extends Error {}

async function readBodyText(req: Request, maxBytes: number): Promise<string> {
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw new BodyTooLarge();
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function searchParamsObject(url: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URL(url).searchParams) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

function toResponse(result: unknown): Response {
  if (result instanceof Response) return result;
  if (result === undefined) return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
  return json(result);
}

/** Each domain error's HTTP status (the one table; a subclass missing here falls through to a logged 500). */
type DomainErrorClass = abstract new (message: string, details?: object) => DomainError;
export const DOMAIN_STATUS: readonly (readonly [DomainErrorClass, number])[] = [
  [NotFoundError, 404],
  [ConflictError, 409],
  [InvalidError, 400],
  [UnprocessableError, 422],
  [ForbiddenError, 403],
  [TooLargeError, 413],
  [TooManyRequestsError, 429],
  [UpstreamError, 502],
];

export function domainStatus(err: unknown): number | undefined {
  return err instanceof DomainError ? DOMAIN_STATUS.find(([cls]) => err instanceof cls)?.[1] : undefined;
}

/** Known Prisma request errors that mean a client mistake rather than a server fault. */
function prismaClientError(err: unknown): Response | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== "string" || !(err instanceof Error) || !err.constructor.name.startsWith("PrismaClient"))
    return null;
  if (code === "P2025") return errorResponse(404, "not found");
  if (code === "P2002") return errorResponse(409, "already exists");
  return null;
}

export function route<B = undefined, Q = undefined>(
  opts: RouteOptions<B, Q>,
  handler: (ctx: RouteContext<B, Q>) => Promise<Response | unknown>,
): RouteHandler {
  const required = opts.role ?? "viewer";
  const maxBytes = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return observeRequests(async (req, ctx) => {
    try {
      if (isCrossSiteWrite(req)) return errorResponse(403, "cross-site request refused");

      const actor = await actorFromRequest(req);
      if (required !== "public") {
        if (!actor) return errorResponse(401, "authentication required");
        if (!roleAtLeast(actor.user.role, required)) return errorResponse(403, `this needs the ${required} role`);
      }

      const rawParams = (await ctx?.params) ?? {};
      const params: Record<string, string> = {};
      for (const [k, v] of Object.entries(rawParams)) params[k] = Array.isArray(v) ? v.join("/") : v;

      let query = undefined as Q;
      if (opts.query) {
        const parsed = opts.query.safeParse(searchParamsObject(req.url));
        if (!parsed.success) return errorResponse(400, "invalid query parameters", { issues: zodIssues(parsed.error) });
        query = parsed.data;
      }

      let body = undefined as B;
      if (opts.body) {
        let text: string;
        try {
          text = await readBodyText(req, maxBytes);
        } catch (err) {
          if (err instanceof BodyTooLarge)
            return errorResponse(413, `request body is larger than ${maxBytes} bytes`, { limitBytes: maxBytes });
          throw err;
        }
        let data: unknown;
        try {
          data = text.trim() === "" ? undefined : JSON.parse(text);
        } catch (err) {
          return errorResponse(400, "malformed JSON", { issues: [{ path: "", message: (err as Error).message }] });
        }
        const parsed = opts.body.safeParse(data);
        if (!parsed.success) return errorResponse(400, "invalid request body", { issues: zodIssues(parsed.error) });
        body = parsed.data;
      }

      return toResponse(await handler({ req, actor, body, query, params }));
    } catch (err) {
      const status = domainStatus(err);
      if (status) return errorResponse(status, (err as DomainError).message, (err as DomainError).details);
      if (err instanceof HttpError) return errorResponse(err.status, err.message, err.extra);
      if (err instanceof z.ZodError) return errorResponse(400, "invalid input", { issues: zodIssues(err) });
      const prisma = prismaClientError(err);
      if (prisma) return prisma;
      console.error(`[route] ${req.method} ${new URL(req.url).pathname} failed:`, err);
      return errorResponse(500, "internal error");
    }
  });
}
