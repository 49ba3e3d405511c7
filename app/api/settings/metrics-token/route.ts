// POST (admin): a new metrics token for GET /metrics, shown in this answer only; the previous one stops working.
import { audit } from "@/server/audit/log";
import { clientAddress, json, route } from "@/server/http/route";
import { newMetricsToken } from "@/server/metrics/endpoint";

export const POST = route({ role: "admin" }, async ({ req, actor }) => {
  const token = await newMetricsToken();
  await audit({
    action: "settings.changed",
    actor: actor!.user,
    address: clientAddress(req),
    details: { metricsTokenRotated: true },
  });
  return json({ token }, { status: 201 });
});
