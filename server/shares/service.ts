// Share links: a random bearer token in a URL that lets anyone read one design (a fixed revision or the
// latest), never anything else. Only sha256(token) is stored; the token is shown once, at creation.
// Unknown, expired and revoked tokens get the same 404 so a link's history cannot be probed.
import { z } from "zod";
import { randomSecret, sha256Hex } from "@/server/auth/tokens-crypto";
import type { Actor } from "@/server/auth/actor";
import { InvalidError, NotFoundError } from "@/server/errors";
import { LruCache } from "@/server/cache/lru";
import { shareRepository } from "./repository";

/** 32 random bytes (256 bits) as base64url: 43 characters. */
export const SHARE_TOKEN_BYTES = 32;
export const SHARE_NOT_FOUND = "share link not found";

export const CreateShareBody = z.object({
  /** A revision number, or "latest" for a link that always shows the newest revision (with a picker). */
  revision: z.union([z.number().int().min(1), z.literal("latest")]).default("latest"),
  /** ISO time after which the link answers 404; null or absent = no expiry. */
  expiresAt: z.iso.datetime({ offset: true }).nullish(),
  allowComments: z.boolean().default(false),
  /** Lets link viewers see live status (issue 7). */
  allowStatus: z.boolean().default(false),
});
export type CreateShareInput = z.output<typeof CreateShareBody>;

export type ShareState = "active" | "expired" | "revoked";

export interface ShareInfo {
  id: string;
  designId: string;
  /** null = latest */
  revision: number | null;
  expiresAt: string | null;
  allowComments: boolean;
  allowStatus: boolean;
  createdAt: string;
  createdBy: { id: string; name: string };
  revokedAt: string | null;
  state: ShareState;
}

export interface ResolvedShare {
  id: string;
  designId: string;
  revision: number | null;
  allowComments: boolean;
  allowStatus: boolean;
  tokenHash: string;
}

type ShareRow = {
  id: string;
  designId: string;
  revision: number | null;
  expiresAt: Date | null;
  allowComments: boolean;
  allowStatus: boolean;
  createdAt: Date;
  revokedAt: Date | null;
  createdBy: { id: string; name: string };
};

export function shareState(row: { expiresAt: Date | null; revokedAt: Date | null }, now = new Date()): ShareState {
  if (row.revokedAt) return "revoked";
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}

function toInfo(row: ShareRow, now = new Date()): ShareInfo {
  return {
    id: row.id,
    designId: row.designId,
    revision: row.revision,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    allowComments: row.allowComments,
    allowStatus: row.allowStatus,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    state: shareState(row, now),
  };
}

export function sharePath(token: string): string {
  return `/share/${token}`;
}

async function designOrThrow(designId: string) {
  const design = await shareRepository().findDesign(designId);
  if (!design) throw new NotFoundError("design not found");
  return design;
}

export async function createShare(
  actor: Actor,
  designId: string,
  input: CreateShareInput,
  origin: string,
  now = new Date(),
): Promise<{ url: string; token: string; expiresAt: string | null; share: ShareInfo }> {
  const design = await designOrThrow(designId);
  const revision = input.revision === "latest" ? null : input.revision;
  if (revision !== null && revision > design.latestRevision) {
    throw new InvalidError(`revision ${revision} does not exist (latest is ${design.latestRevision})`, {
      issues: [{ path: "revision", message: `must be between 1 and ${design.latestRevision}, or "latest"` }],
    });
  }
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt.getTime() <= now.getTime()) {
    throw new InvalidError("expiry must be in the future", {
      issues: [{ path: "expiresAt", message: "must be in the future" }],
    });
  }
  const token = randomSecret(SHARE_TOKEN_BYTES);
  const row = await shareRepository().create({
    designId,
    tokenHash: sha256Hex(token),
    revision,
    expiresAt,
    allowComments: input.allowComments,
    allowStatus: input.allowStatus,
    createdById: actor.user.id,
  });
  return {
    url: new URL(sharePath(token), origin).toString(),
    token,
    expiresAt: expiresAt?.toISOString() ?? null,
    share: toInfo(row, now),
  };
}

export async function listShares(designId: string): Promise<ShareInfo[]> {
  await designOrThrow(designId);
  const rows = await shareRepository().listOf(designId);
  const now = new Date();
  return rows.map((r) => toInfo(r, now));
}

/** Revoking is permanent and idempotent; the row stays so the list shows who shared what, and when. */
export async function revokeShare(designId: string, shareId: string): Promise<ShareInfo> {
  const repo = shareRepository();
  const row = await repo.findIn(designId, shareId);
  if (!row) throw new NotFoundError("share not found");
  if (row.revokedAt) return toInfo(row);
  const updated = await repo.revoke(shareId, new Date());
  verified.epoch++;
  verifiedTokens.deleteWhere((row) => row.id === shareId);
  return toInfo(updated);
}

// Tokens are 43 base64url characters; anything else cannot be one, so it never reaches the database.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

function toResolved(row: {
  id: string;
  designId: string;
  revision: number | null;
  allowComments: boolean;
  allowStatus: boolean;
  tokenHash: string;
}): ResolvedShare {
  return {
    id: row.id,
    designId: row.designId,
    revision: row.revision,
    allowComments: row.allowComments,
    allowStatus: row.allowStatus,
    tokenHash: row.tokenHash,
  };
}

type VerifiedRow = NonNullable<Awaited<ReturnType<ReturnType<typeof shareRepository>["findByTokenHashWithDesign"]>>>;

/**
 * How long a verified token's share row (and its design header) is reused without asking the database:
 * every share read would otherwise pay a query. Revoking in this process takes effect at once; on other
 * replicas, and for a design's new revision or name, within this bound. Expiry is checked on every use.
 */
export const SHARE_RECHECK_MS = Number(process.env.STUDIO_SHARE_RECHECK_MS ?? 2000);
// One per process: route bundles are separate module instances, and revoking in one must reach all.
const VERIFIED_KEY = Symbol.for("topology-studio.verified-shares");
const holder = globalThis as unknown as { [VERIFIED_KEY]?: Verified };
interface Verified {
  rows: LruCache<VerifiedRow>;
  /** Token hashes being verified again ahead of expiry. */
  refreshing: Set<string>;
  /** Bumped by every revoke and forget, so a refresh that started before one cannot bring a row back. */
  epoch: number;
}
const verified = (holder[VERIFIED_KEY] ??= {
  rows: new LruCache<VerifiedRow>(10_000, SHARE_RECHECK_MS),
  refreshing: new Set(),
  epoch: 0,
});
const verifiedTokens = verified.rows;

/** Forgets the verified tokens of a deleted design's shares, so its links (and their kept answers) stop at once. */
export function forgetSharesOfDesign(designId: string): void {
  verified.epoch++;
  verifiedTokens.deleteWhere((row) => row.designId === designId);
}

/** Forgets every verified token (tests that change share rows behind the service's back). */
export function forgetVerifiedShares(): void {
  verified.epoch++;
  verifiedTokens.clear();
}

/**
 * The kept row for a token hash, if active. Past half its time it is verified again in the background
 * (one query per token at a time): a row that comes back unchanged keeps its identity, so answers tied
 * to it (the response cache's stamp) stay valid and a link read all day never stalls its readers every
 * SHARE_RECHECK_MS; a changed, revoked or expired one replaces or drops it.
 */
function keptRow(hash: string, now: Date): VerifiedRow | undefined {
  const kept = verifiedTokens.getEntry(hash);
  if (!kept || shareState(kept.value, now) !== "active") return undefined;
  // Date.now(): the clock the cache ages entries by.
  if (Date.now() - kept.at > SHARE_RECHECK_MS / 2 && !verified.refreshing.has(hash)) {
    verified.refreshing.add(hash);
    const epoch = verified.epoch;
    void shareRepository()
      .findByTokenHashWithDesign(hash)
      .then((row) => {
        if (epoch !== verified.epoch) return;
        if (!row || shareState(row, new Date()) !== "active") verifiedTokens.delete(hash);
        else verifiedTokens.set(hash, JSON.stringify(row) === JSON.stringify(kept.value) ? kept.value : row);
      })
      .catch(() => undefined) // the kept row still expires on its own
      .finally(() => verified.refreshing.delete(hash));
  }
  return kept.value;
}

async function verifiedRow(token: string, now: Date): Promise<VerifiedRow> {
  if (!TOKEN_SHAPE.test(token)) throw new NotFoundError(SHARE_NOT_FOUND);
  const hash = sha256Hex(token);
  // Unknown tokens are never kept, so guessing cannot fill the cache; each guess costs one indexed lookup.
  const kept = keptRow(hash, now);
  const row = kept ?? (await shareRepository().findByTokenHashWithDesign(hash));
  if (!row || shareState(row, now) !== "active") {
    verifiedTokens.delete(hash);
    throw new NotFoundError(SHARE_NOT_FOUND);
  }
  if (!kept) verifiedTokens.set(hash, row);
  return row;
}

/**
 * The verified share row kept in memory for `token` while it is active, else undefined; no database
 * access on this path. The response cache ties a share's stored answers to it (server/http/cached-routes.ts).
 */
export function verifiedShareStamp(token: string, now = new Date()): object | undefined {
  return TOKEN_SHAPE.test(token) ? keptRow(sha256Hex(token), now) : undefined;
}

/** The share a token opens, or NotFoundError (the same for unknown, expired and revoked). */
export async function resolveShare(token: string, now = new Date()): Promise<ResolvedShare> {
  return toResolved(await verifiedRow(token, now));
}

/** resolveShare plus the design row, from one query (the share page's hot path). */
export async function resolveShareWithDesign(
  token: string,
  now = new Date(),
): Promise<{
  share: ResolvedShare;
  design: { name: string; latestRevision: number; approvedRevision: number | null };
}> {
  const row = await verifiedRow(token, now);
  return { share: toResolved(row), design: row.design };
}

/** Which revision a share request shows: the fixed one, or for "latest" links the requested one (default newest). */
export function shareRevision(share: ResolvedShare, latestRevision: number, requested?: number): number {
  if (share.revision !== null) {
    if (requested !== undefined && requested !== share.revision) throw new NotFoundError(SHARE_NOT_FOUND);
    return share.revision;
  }
  if (requested === undefined) return latestRevision;
  if (requested < 1 || requested > latestRevision) throw new NotFoundError(`revision ${requested} not found`);
  return requested;
}

/** The public origin for share URLs: STUDIO_PUBLIC_URL when set (behind proxies), else the request's own. */
export function publicOrigin(req: Request): string {
  const configured = process.env.STUDIO_PUBLIC_URL;
  if (configured) return configured;
  const url = new URL(req.url);
  const proto = req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  const host = req.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || req.headers.get("host");
  return `${proto || url.protocol.replace(":", "")}://${host || url.host}`;
}
