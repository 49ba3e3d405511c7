// A share token opens its own /api/share/<token> routes and nothing else. This walks EVERY app/**/route.ts
// on disk (routes added later are covered automatically), calls each exported method with only a live
// share token — as the session cookie, as a Bearer token, and as a cookie of its own — and checks that
// the answer is 401/404, exactly what the same request gets with no credentials at all.
import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/server/db/testing";
import { addComment } from "@/server/comments/service";
import { CreateShareBody, createShare } from "../service";
import { designRows, userWithSession } from "./fixtures";

const root = path.resolve(import.meta.dirname, "../../..");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
/** Routes anyone may call; for them the token must simply change nothing. */
const PUBLIC = [/^\/api\/health$/, /^\/api\/auth\/login$/, /^\/api\/auth\/logout$/, /^\/api\/share\//];

function routeFiles(dir = path.join(root, "app")): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...routeFiles(p));
    else if (/^route\.(ts|tsx|js)$/.test(e.name)) out.push(p);
  }
  return out;
}

/** `app/api/designs/[id]/route.ts` → `/api/designs/[id]` (route groups `(x)` dropped). */
function urlPattern(file: string): string {
  const rel = path.relative(path.join(root, "app"), path.dirname(file)).split(path.sep);
  return "/" + rel.filter((s) => !/^\(.*\)$/.test(s)).join("/");
}

let token = "";
let cookieOfUser = "";
const values: Record<string, string> = {};

beforeAll(async () => {
  await useTestDatabase();
  const editor = await userWithSession("editor", "Eve");
  cookieOfUser = editor.cookie;
  const designId = await designRows(editor.actor.user.id, [{ name: "x", components: [] }]);
  const s = await createShare(
    editor.actor,
    designId,
    CreateShareBody.parse({ allowComments: true, allowStatus: true }),
    "http://studio.test",
  );
  token = s.token;
  const c = await addComment(designId, { userId: null, name: "g" }, { body: "hi" });
  // Real ids everywhere, so a missing auth check would answer 200 rather than hide behind a 404.
  Object.assign(values, { id: designId, shareId: s.share.id, commentId: c.id, rev: "1", revision: "1" });
});

const files = routeFiles();

describe("a share token authorizes nothing but its own share routes", () => {
  it("finds the routes on disk", () => {
    expect(files.length).toBeGreaterThan(10);
    expect(files.map(urlPattern)).toEqual(expect.arrayContaining(["/api/designs/[id]", "/api/share/[token]"]));
  });

  for (const file of files) {
    const pattern = urlPattern(file);
    it(`${pattern}`, async () => {
      const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
      const methods = METHODS.filter((m) => typeof mod[m] === "function");
      expect(methods.length).toBeGreaterThan(0);
      // In the share routes the path carries ANOTHER (unknown) token: the real one only rides along in headers.
      const params: Record<string, string> = {};
      const url = pattern.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, name: string) => {
        params[name] = name === "token" ? "unknownTokenAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" : (values[name] ?? "1");
        return params[name];
      });
      const isPublic = PUBLIC.some((r) => r.test(pattern));

      for (const method of methods) {
        const handler = mod[method] as (
          req: Request,
          ctx: { params: Promise<Record<string, string>> },
        ) => Promise<Response>;
        const call = async (headers: Record<string, string>) => {
          const hasBody = !["GET", "HEAD", "OPTIONS", "DELETE"].includes(method);
          const req = new Request(`http://studio.test${url}`, {
            method,
            headers: { host: "studio.test", ...(hasBody ? { "content-type": "application/json" } : {}), ...headers },
            body: hasBody
              ? JSON.stringify({ revision: 1, body: "x", displayName: "x", name: "x", design: {}, baseRevision: 1 })
              : undefined,
          });
          return (await handler(req, { params: Promise.resolve(params) })).status;
        };
        const none = await call({});
        const asCookie = await call({ cookie: `studio_session=${token}` });
        const asBearer = await call({ authorization: `Bearer ${token}` });
        const asShareCookie = await call({ cookie: `share=${token}; share_token=${token}` });
        const label = `${method} ${pattern}`;
        expect({ label, asCookie, asBearer, asShareCookie }).toEqual({
          label,
          asCookie: none,
          asBearer: none,
          asShareCookie: none,
        });
        if (!isPublic) expect({ label, status: none }).toEqual({ label, status: expect.toBeOneOf([401, 404]) });
        else if (pattern.startsWith("/api/share/")) expect({ label, status: none }).toEqual({ label, status: 404 });
      }
      // Sanity: the same routes do answer a signed-in user (so the 401s above are about the token).
      if (!isPublic && typeof mod.GET === "function") {
        const res = await (
          mod.GET as (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>
        )(new Request(`http://studio.test${url}`, { headers: { host: "studio.test", cookie: cookieOfUser } }), {
          params: Promise.resolve(params),
        });
        expect(res.status, `GET ${pattern} as a signed-in editor`).not.toBe(401);
      }
    });
  }
});
