// Request counts and latency by route pattern: the concrete path with each route parameter's value put
// back as `[name]`, so `/api/designs/abc/status` counts as `/api/designs/[id]/status` (bounded labels).
import { httpDuration, httpRequests } from "./studio";

type Handler<C> = (req: Request, ctx: C) => Promise<Response>;

export function routePattern(pathname: string, params: Record<string, string | string[]>): string {
  const byValue = new Map<string, string>();
  for (const [name, value] of Object.entries(params)) {
    if (Array.isArray(value)) byValue.set(value.map(encodeURIComponent).join("/"), `[...${name}]`);
    else byValue.set(encodeURIComponent(value), `[${name}]`);
  }
  let out = pathname;
  for (const [value, name] of byValue) out = out.replace(`/${value}`, `/${name}`);
  return out;
}

export function observeRequests<C extends { params?: Promise<Record<string, string | string[]>> }>(
  handler: Handler<C>,
): Handler<C> {
  return async (req, ctx) => {
    const started = performance.now();
    let status = 500;
    try {
      const res = await handler(req, ctx);
      status = res.status;
      return res;
    } finally {
      const params = (await ctx?.params?.catch(() => ({}))) ?? {};
      const route = routePattern(new URL(req.url).pathname, params);
      httpRequests.inc({ method: req.method, route, status: String(status) });
      httpDuration.observe({ method: req.method, route }, (performance.now() - started) / 1000);
    }
  };
}
