// GET /metrics: off by default; when on, only for requests carrying the metrics token as a Bearer token
// (the token is stored as its sha256 and shown once when an admin creates it).
import { timingSafeEqual } from "node:crypto";
import { bearerToken } from "@/server/auth/api-tokens";
import { randomSecret, sha256Hex } from "@/server/auth/tokens-crypto";
import { getSettings, metricsTokenHash, setMetricsTokenHash } from "@/server/db/settings";
import { metrics } from "./studio";

export const METRICS_TOKEN_PREFIX = "tsm_";

export async function newMetricsToken(): Promise<string> {
  const token = METRICS_TOKEN_PREFIX + randomSecret();
  await setMetricsTokenHash(sha256Hex(token));
  return token;
}

export async function metricsResponse(req: Request): Promise<Response> {
  const notFound = () => new Response("not found\n", { status: 404, headers: { "content-type": "text/plain" } });
  if (!(await getSettings()).metricsEnabled) return notFound();
  const stored = await metricsTokenHash();
  const given = bearerToken(req.headers.get("authorization"));
  const ok = !!stored && !!given && timingSafeEqual(Buffer.from(sha256Hex(given), "hex"), Buffer.from(stored, "hex"));
  if (!ok)
    return new Response("metrics token required\n", {
      status: 401,
      headers: { "content-type": "text/plain", "www-authenticate": 'Bearer realm="metrics"' },
    });
  return new Response(await metrics.registry.metrics(), {
    headers: { "content-type": metrics.registry.contentType, "cache-control": "no-store" },
  });
}
