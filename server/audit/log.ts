// The audit log: who did what and when, in the database so every replica writes to one place.
// Details are redacted on the way in: any key that names a secret is dropped, whatever its value, so a
// caller that passes a whole request body cannot leak a password, key or token into the log.
import { auditRepository, type AuditWhere } from "./repository";

export const AUDIT_ACTIONS = [
  "auth.login",
  "auth.login_failed",
  "auth.logout",
  "auth.password_changed",
  "user.created",
  "user.updated",
  "token.created",
  "token.revoked",
  "cluster.registered",
  "cluster.updated",
  "cluster.removed",
  "cluster.bound",
  "share.created",
  "share.revoked",
  "approval.granted",
  "approval.revoked",
  "plan.created",
  "deploy.started",
  "deploy.finished",
  "design.undeployed",
  "design.undeploy_failed",
  "settings.changed",
  "git_target.registered",
  "git_target.removed",
  "git_export.started",
  "git_export.finished",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditActor {
  id: string;
  email?: string;
}

export interface AuditInput {
  action: AuditAction;
  actor?: AuditActor | null;
  /** Shown when there is no signed-in actor (the email tried, a guest's name). */
  actorLabel?: string;
  address?: string;
  target?: string;
  details?: Record<string, unknown>;
}

export interface AuditEntry {
  id: string;
  at: string;
  action: string;
  actorId: string | null;
  actor: string | null;
  address: string | null;
  target: string | null;
  details: Record<string, unknown> | null;
}

const SECRET_KEY = /pass(word)?|secret|token|key|kubeconfig|credential|cookie|authorization|cert/i;
/** Keys that look secret-ish but name things, not values. */
const NAMING_KEY = /(Id|Name|Rotated|Reset|Changed|Dropped|Copied)$/;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return "…";
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => redact(v, depth + 1));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_KEY.test(k) && !NAMING_KEY.test(k)) continue;
      out[k] = redact(v, depth + 1);
    }
    return out;
  }
  if (typeof value === "string" && value.length > 500) return `${value.slice(0, 500)}…`;
  return value;
}

/** Writes one entry; a failure to write is logged, never thrown at the action that was audited. */
export async function audit(input: AuditInput): Promise<void> {
  try {
    await auditRepository().record({
      action: input.action,
      actorId: input.actor?.id ?? null,
      actorLabel: input.actor?.email ?? input.actorLabel ?? null,
      address: input.address ?? null,
      target: input.target ?? null,
      details: input.details ? JSON.stringify(redact(input.details)) : null,
    });
  } catch (err) {
    console.error(`[audit] could not record ${input.action}:`, err);
  }
}

export interface AuditFilter {
  action?: string;
  /** Matches the actor's email or label (substring). */
  actor?: string;
  /** Matches the target (prefix: "design:abc" or "design:"). */
  target?: string;
  from?: Date;
  to?: Date;
  /** Entries older than this id's time (paging). */
  before?: string;
  limit?: number;
}

function whereOf(f: AuditFilter): AuditWhere {
  return {
    ...(f.action ? { action: f.action.endsWith(".") ? { startsWith: f.action } : f.action } : {}),
    ...(f.actor ? { actorLabel: { contains: f.actor } } : {}),
    ...(f.target ? { target: { startsWith: f.target } } : {}),
    ...(f.from || f.to ? { at: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lte: f.to } : {}) } } : {}),
  };
}

function toEntry(row: {
  id: string;
  at: Date;
  action: string;
  actorId: string | null;
  actorLabel: string | null;
  address: string | null;
  target: string | null;
  details: string | null;
}): AuditEntry {
  let details: Record<string, unknown> | null;
  try {
    details = row.details ? (JSON.parse(row.details) as Record<string, unknown>) : null;
  } catch {
    details = null;
  }
  return {
    id: row.id,
    at: row.at.toISOString(),
    action: row.action,
    actorId: row.actorId,
    actor: row.actorLabel,
    address: row.address,
    target: row.target,
    details,
  };
}

export async function listAuditEvents(filter: AuditFilter = {}): Promise<AuditEntry[]> {
  const limit = Math.min(Math.max(filter.limit ?? 100, 1), 1000);
  const rows = await auditRepository().page(whereOf(filter), "desc", limit, filter.before);
  return rows.map(toEntry);
}

/** Every matching entry as JSON lines, oldest first, read in pages so a long log never sits in memory. */
export async function* auditJsonLines(filter: AuditFilter = {}): AsyncGenerator<string> {
  const repo = auditRepository();
  let cursor: string | undefined;
  for (;;) {
    const rows = await repo.page(whereOf(filter), "asc", 500, cursor);
    for (const row of rows) yield `${JSON.stringify(toEntry(row))}\n`;
    if (rows.length < 500) return;
    cursor = rows[rows.length - 1].id;
  }
}
