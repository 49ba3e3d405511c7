// Database reachability for /api/health: a real query against a migrated table, bounded in time. Load
// balancers and probes call it many times a second, so one answer is kept for HEALTH_CHECK_KEEP_MS and
// every caller in that window (and during a check in flight) shares it.
import { databaseKind, databaseUrl } from "./client";
import { settingsRepository } from "./settings-repository";

export type DatabaseState = { ok: true } | { ok: false; error: string };

export const HEALTH_CHECK_KEEP_MS = 1000;

let kept: { url: string; at: number; state: Promise<DatabaseState> } | undefined;

/** The last check of this database if younger than `keepMs`, else a new one (one at a time). */
export function checkDatabaseCached(keepMs = HEALTH_CHECK_KEEP_MS, now = Date.now()): Promise<DatabaseState> {
  const url = databaseUrl();
  if (!kept || kept.url !== url || now - kept.at >= keepMs) kept = { url, at: now, state: checkDatabase() };
  return kept.state;
}

/** Forgets the kept answer (tests). */
export function forgetDatabaseCheck(): void {
  kept = undefined;
}

export async function checkDatabase(timeoutMs = 3000): Promise<DatabaseState> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      settingsRepository().probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ok: true };
  } catch (err) {
    return { ok: false, error: `${databaseKind()}: ${describeDbError(err)}` };
  } finally {
    clearTimeout(timer);
  }
}

function describeDbError(err: unknown): string {
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e?.cause?.code ?? e?.code;
  const message =
    String(e?.message ?? err)
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean)
      .pop() ?? "unknown error";
  const text = code && !message.includes(code) ? `${code} ${message}` : message;
  return text.length > 300 ? text.slice(0, 300) + "…" : text;
}
