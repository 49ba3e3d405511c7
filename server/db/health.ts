// Database reachability for /api/health: a real query against a migrated table, bounded in time.
import { databaseKind } from "./client";
import { settingsRepository } from "./settings-repository";

export async function checkDatabase(timeoutMs = 3000): Promise<{ ok: true } | { ok: false; error: string }> {
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
