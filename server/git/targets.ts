// Git targets: an admin registers a repository (https + token), a branch, a path template and the commit
// author. Everything is validated and the remote is asked (credentials good for a push, branch present)
// BEFORE anything is stored; the token is sealed (AES-256-GCM) and never returned — views say `hasToken`.
import "server-only";
import { z } from "zod";
import type { Actor } from "@/server/auth/actor";
import { open, seal } from "@/server/crypto/secret-box";
import { db, type Db } from "@/server/db/client";
import { getSettings } from "@/server/db/settings";
import { ConflictError, InvalidError, NotFoundError } from "@/server/errors";
import { checkRemote, GitExportError, type GitRemote, type RemoteCheck } from "./export";
import { DEFAULT_PATH_TEMPLATE, pathTemplateProblem } from "./path-template";
import { branchNameProblem } from "./ref-name";
import { gitUrlProblem } from "./remote-url";
import { gitTargetRepository, type GitTargetRecord } from "./targets-repository";

const problem = (check: (v: string) => string | null) => (v: string, ctx: z.RefinementCtx) => {
  const p = check(v);
  if (p) ctx.addIssue({ code: "custom", message: p });
};

export const RegisterGitTargetBody = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "name is required")
      .max(63, "at most 63 characters")
      .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "lower-case letters, digits and '-'"),
    url: z.string().trim().min(1, "a repository URL is required").max(2048),
    auth: z.discriminatedUnion("kind", [
      z
        .object({
          kind: z.literal("https-token"),
          username: z.string().trim().min(1).max(100).optional(),
          token: z.string().min(1, "a token is required").max(4096),
        })
        .strict(),
      z.object({ kind: z.literal("ssh-key") }).passthrough(),
    ]),
    branch: z.string().trim().max(200).default("main").superRefine(problem(branchNameProblem)),
    pathTemplate: z.string().trim().default(DEFAULT_PATH_TEMPLATE).superRefine(problem(pathTemplateProblem)),
    authorName: z.string().trim().min(1).max(200).default("Topology Studio"),
    // Git takes any address with an @ (a local part at a host such as `localhost` included).
    authorEmail: z
      .string()
      .trim()
      .max(254)
      .regex(/^[^\s@<>]+@[^\s@<>]+$/, "an email address")
      .default("topology-studio@localhost"),
    argoCdApplication: z.boolean().default(false),
  })
  .strict();
export type RegisterGitTargetBody = z.input<typeof RegisterGitTargetBody>;

export interface GitTargetView {
  id: string;
  name: string;
  url: string;
  authKind: string;
  username: string | null;
  /** The token is write-only: only whether one is stored. */
  hasToken: boolean;
  branch: string;
  pathTemplate: string;
  authorName: string;
  authorEmail: string;
  argoCdApplication: boolean;
  createdBy: { id: string; name: string };
  createdAt: string;
}

export interface GitTargetCheckView extends RemoteCheck {
  targetId: string;
  ok: boolean;
  /** What a person should know: the branch is created by the first export, or it is there. */
  message: string;
}

function toView(t: GitTargetRecord, hasToken: boolean): GitTargetView {
  return {
    id: t.id,
    name: t.name,
    url: t.url,
    authKind: t.authKind,
    username: t.username,
    hasToken,
    branch: t.branch,
    pathTemplate: t.pathTemplate,
    authorName: t.authorName,
    authorEmail: t.authorEmail,
    argoCdApplication: t.argoCdApplication,
    createdBy: t.createdBy,
    createdAt: t.createdAt.toISOString(),
  };
}

/** A 400 whose issue carries the reason; clients show "error: path message" once. */
function invalid(path: string, message: string, error = "invalid Git target"): InvalidError {
  return new InvalidError(error, { issues: [{ path, message }] });
}

/** Whether the server may talk plain http:// (admin setting `allowInsecureGit`). */
export async function insecureGitAllowed(): Promise<boolean> {
  return (await getSettings()).allowInsecureGit;
}

export async function listGitTargets(client: Db = db()): Promise<GitTargetView[]> {
  return (await gitTargetRepository(client).list()).map((t) => toView(t, !!t.tokenEnc));
}

export async function getGitTarget(id: string, client: Db = db()): Promise<GitTargetView> {
  const t = await gitTargetRepository(client).findWithToken(id);
  if (!t) throw new NotFoundError(`Git target "${id}" not found`);
  return toView(t, !!t.tokenEnc);
}

/** The remote of a stored target with its token opened in memory (for the export and the check only). */
export async function openGitTarget(id: string, client: Db = db()) {
  const t = await gitTargetRepository(client).findWithToken(id);
  if (!t) throw new NotFoundError(`Git target "${id}" not found`);
  const remote: GitRemote = {
    url: t.url,
    branch: t.branch,
    username: t.username ?? undefined,
    token: t.tokenEnc ? open(t.tokenEnc) : undefined,
  };
  return { target: toView(t, !!t.tokenEnc), remote };
}

export async function registerGitTarget(actor: Actor, input: unknown, client: Db = db()): Promise<GitTargetView> {
  const parsed = RegisterGitTargetBody.safeParse(input);
  if (!parsed.success)
    throw new InvalidError("invalid Git target", {
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })),
    });
  const body = parsed.data;
  if (body.auth.kind === "ssh-key")
    throw invalid(
      "auth.kind",
      "ssh deploy keys are not supported (the studio's Git client speaks smart HTTP only); use the repository's https URL with a token",
    );
  const urlProblem = gitUrlProblem(body.url, { allowInsecure: await insecureGitAllowed() });
  if (urlProblem) throw invalid("url", urlProblem);
  const repo = gitTargetRepository(client);
  if (await repo.nameTaken(body.name))
    throw new ConflictError(`a Git target named "${body.name}" is already registered`);
  const remote: GitRemote = {
    url: body.url,
    branch: body.branch,
    username: body.auth.username,
    token: body.auth.token,
  };
  try {
    await checkRemote(remote, true);
  } catch (err) {
    if (!(err instanceof GitExportError)) throw err;
    // Nothing is stored: the message is the remote's answer with the token scrubbed out.
    throw invalid(/credentials/.test(err.message) ? "auth.token" : "url", err.message, "not registered");
  }
  const created = await repo.create({
    name: body.name,
    url: body.url,
    authKind: "https-token",
    username: body.auth.username ?? null,
    tokenEnc: seal(body.auth.token),
    branch: body.branch,
    pathTemplate: body.pathTemplate,
    authorName: body.authorName,
    authorEmail: body.authorEmail,
    argoCdApplication: body.argoCdApplication,
    createdById: actor.user.id,
  });
  return toView(created, true);
}

export async function deleteGitTarget(id: string, client: Db = db()): Promise<GitTargetView> {
  const view = await getGitTarget(id, client);
  if (!(await gitTargetRepository(client).remove(id))) throw new NotFoundError(`Git target "${id}" not found`);
  return view;
}

/** Asks the remote again with the stored token; a refusal is an answer (ok: false), not an error. */
export async function checkGitTarget(id: string, client: Db = db()): Promise<GitTargetCheckView> {
  const { remote } = await openGitTarget(id, client);
  try {
    const c = await checkRemote(remote, await insecureGitAllowed());
    return {
      ...c,
      targetId: id,
      ok: true,
      message: c.branchExists
        ? `reached ${new URL(remote.url).host}; the token may push; branch ${remote.branch} is at ${c.head!.slice(0, 12)}`
        : `reached ${new URL(remote.url).host}; the token may push; branch ${remote.branch} does not exist yet (the first export creates it)`,
    };
  } catch (err) {
    if (!(err instanceof GitExportError)) throw err;
    const reachable = !err.message.includes("cannot reach");
    return { targetId: id, ok: false, reachable, branchExists: false, head: null, message: err.message };
  }
}
