// Shared by the designs API tests: real users with API tokens on a temp SQLite database, real Requests
// handed to the route handlers exactly as Next calls them.
import { createApiToken } from "@/server/auth/api-tokens";
import { createUser } from "@/server/auth/users";
import type { Role } from "@/server/auth/roles";

export const SECRET = "AKIA-TEST-SECRET";
export const SECRET_2 = "wJalr-TEST-SECRET-KEY";

export interface TestUser {
  id: string;
  name: string;
  token: string;
}

export async function makeUser(role: Role, name: string): Promise<TestUser> {
  const user = await createUser({ email: `${name.toLowerCase()}@example.com`, name, role, password: "password-123" });
  return { id: user.id, name: user.name, token: (await createApiToken(user.id, "tests")).token };
}

type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

export interface CallOptions {
  as: TestUser | null;
  body?: unknown;
  /** Raw body text (overrides `body`), for size limits and malformed JSON. */
  raw?: string;
  params?: Record<string, string>;
  query?: Record<string, string | number>;
}

/** Calls a route handler with a real Request, the way Next does. */
export async function call(handler: Handler, method: string, path: string, opts: CallOptions): Promise<Response> {
  const url = new URL(path, "http://studio.test");
  for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, String(v));
  const headers: Record<string, string> = { host: "studio.test" };
  if (opts.as) headers.authorization = `Bearer ${opts.as.token}`;
  let body: string | undefined;
  if (opts.raw !== undefined) body = opts.raw;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined) headers["content-type"] = "application/json";
  const req = new Request(url, { method, headers, body });
  return handler(req, { params: Promise.resolve(opts.params ?? {}) });
}

export interface TestComponent {
  id: string;
  kind: string;
  name: string;
  cluster?: string;
  position?: { x: number; y: number };
  settings: Record<string, unknown>;
}

export interface TestDesign {
  name: string;
  description?: string;
  components: TestComponent[];
  connections: { id: string; kind: string; from: string; to: string }[];
}

/**
 * A small valid design: one cluster with a sidecar Prometheus pair uploading to an S3 bucket whose
 * credentials are secret values, a store gateway and a compactor reading it, and a query over both.
 */
export function secretDesign(
  name = "secret-design",
  accessKey: string | undefined = SECRET,
  secretKey: string | undefined = SECRET_2,
): TestDesign {
  return {
    name,
    components: [
      { id: "c1", kind: "cluster", name: "eu-1", position: { x: 0, y: 0 }, settings: { namespace: "monitoring" } },
      {
        id: "p1",
        kind: "prometheus",
        name: "prom",
        cluster: "c1",
        position: { x: 40, y: 40 },
        settings: { replicas: 2 },
      },
      { id: "s1", kind: "storeGateway", name: "store", cluster: "c1", position: { x: 240, y: 40 }, settings: {} },
      { id: "k1", kind: "compactor", name: "compact", cluster: "c1", position: { x: 240, y: 200 }, settings: {} },
      { id: "q1", kind: "query", name: "query", cluster: "c1", position: { x: 440, y: 40 }, settings: {} },
      {
        id: "b1",
        kind: "objectStore",
        name: "bucket",
        position: { x: 900, y: 40 },
        settings: {
          provider: "s3",
          bucket: "metrics",
          endpoint: "s3.eu-west-1.amazonaws.com",
          region: "eu-west-1",
          accessKey,
          secretKey,
        },
      },
    ],
    connections: [
      { id: "e1", kind: "uploadsTo", from: "p1", to: "b1" },
      { id: "e2", kind: "uploadsTo", from: "s1", to: "b1" },
      { id: "e3", kind: "uploadsTo", from: "k1", to: "b1" },
      { id: "e4", kind: "storeApi", from: "q1", to: "p1" },
      { id: "e5", kind: "storeApi", from: "q1", to: "s1" },
    ],
  };
}

/** A structurally valid design with `n` query components in one cluster (for the size limits). */
export function manyComponents(n: number): TestDesign {
  const components: TestComponent[] = [{ id: "c", kind: "cluster", name: "c", settings: {} }];
  for (let i = 0; i < n; i++)
    components.push({ id: `q${i}`, kind: "query", name: `q${i}`, cluster: "c", settings: {} });
  return { name: "big", components, connections: [] };
}
