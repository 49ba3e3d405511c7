// GET /api/share/:token/status: the design's live status filtered for guests (guest-status.ts),
// serialized once per refresh and pinned revision, as the signed-in route does for its viewers.
import "server-only";
import { designService } from "@/server/designs/service";
import { designStatus } from "@/server/status/service";
import { cachedBody, type CachedBody } from "@/server/http/conditional";
import type { StatusReport } from "@/server/status/report";
import { guestStatus } from "./guest-status";
import type { ResolvedShare } from "./service";

const bodies = new WeakMap<StatusReport, Map<string, CachedBody>>();

export async function shareStatusBody(share: Pick<ResolvedShare, "designId" | "revision">): Promise<CachedBody> {
  const report = await designStatus(share.designId);
  const key = share.revision === null ? "latest" : String(share.revision);
  let perShare = bodies.get(report);
  if (!perShare) bodies.set(report, (perShare = new Map()));
  let body = perShare.get(key);
  if (body === undefined) {
    const shared =
      share.revision === null ? null : (await designService().getRevision(share.designId, share.revision)).design;
    body = cachedBody(JSON.stringify(guestStatus(report, shared)));
    perShare.set(key, body);
  }
  return body;
}
