// GET /api/audit/export (admin): every matching entry as JSON lines (application/x-ndjson), oldest first.
import { auditJsonLines } from "@/server/audit/log";
import { AuditQuery, auditFilter } from "@/server/audit/query";
import { route } from "@/server/http/route";

export const GET = route({ role: "admin", query: AuditQuery }, async ({ query }) => {
  const lines = auditJsonLines(auditFilter(query));
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": "application/x-ndjson; charset=utf-8",
      "content-disposition": `attachment; filename="audit-${stamp}.jsonl"`,
      "cache-control": "no-store",
    },
  });
});
