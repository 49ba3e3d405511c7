// GET /api/audit (admin): the newest audit entries first, filtered by action, actor, target and time.
import { listAuditEvents } from "@/server/audit/log";
import { AuditQuery, auditFilter } from "@/server/audit/query";
import { route } from "@/server/http/route";

export const GET = route({ role: "admin", query: AuditQuery }, async ({ query }) => ({
  entries: await listAuditEvents(auditFilter(query)),
}));
