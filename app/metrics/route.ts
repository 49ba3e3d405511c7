// The studio's own Prometheus metrics (server/metrics): off by default, metrics token required.
import { metricsResponse } from "@/server/metrics/endpoint";

export const dynamic = "force-dynamic";

export const GET = metricsResponse;
