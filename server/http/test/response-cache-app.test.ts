// The response cache inside the real production server (`next start` via scripts/start.mjs, .next-test):
// repeated public reads are answered from memory (they carry `Age`) with every header Next would send,
// React Server Component requests still reach Next, and a revoked share link answers 404 at once even
// though its page and payload were kept a moment before.
import { gunzipSync } from "node:zlib";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAdmin, startAppServer, type AppServer } from "@/e2e/fixtures/app-server";

let app: AppServer;
let cookie = "";

async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(`${app.url}${url}`, {
    method,
    headers: { cookie, "content-type": "application/json", origin: app.url },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** A raw GET: headers and bytes exactly as sent (fetch would decompress). */
function rawGet(path: string, headers: http.OutgoingHttpHeaders = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(`${app.url}${path}`, { headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

beforeAll(async () => {
  app = await startAppServer();
  cookie = await signInAdmin(app);
}, 900_000);

afterAll(async () => {
  await app?.stop();
});

describe("the response cache in the production server", () => {
  it("answers a repeated health probe from memory with the security headers Next sends", async () => {
    const first = await rawGet("/api/health");
    const second = await rawGet("/api/health");
    expect(first.status).toBe(200);
    expect(JSON.parse(second.body.toString())).toEqual({ status: "ok", db: "ok" });
    expect(first.headers.age).toBeUndefined();
    expect(second.headers.age).toMatch(/^\d+$/);
    expect(second.headers["content-security-policy"]).toBe(first.headers["content-security-policy"]);
    expect(second.headers["x-frame-options"]).toBe("DENY");
  });

  it("keeps a share page and payload, sends RSC requests to Next, and stops at once when the link is revoked", async () => {
    const design = await api<{ id: string }>("POST", "/api/designs", { name: "cache-me", template: "sidecar-ha" });
    const made = await api<{ token: string; share: { id: string } }>("POST", `/api/designs/${design.id}/shares`, {
      revision: "latest",
    });
    const page = `/share/${made.token}`;
    const payload = `/api/share/${made.token}`;

    const html1 = await rawGet(page);
    const html2 = await rawGet(page);
    expect(html1.status).toBe(200);
    expect(html2.headers.age).toMatch(/^\d+$/);
    expect(html2.body.toString()).toBe(html1.body.toString());
    expect(html2.body.toString()).toContain("cache-me");
    expect(html2.headers["content-type"]).toContain("text/html");
    expect(html2.headers["referrer-policy"]).toBe(html1.headers["referrer-policy"]);

    const gz1 = await rawGet(page, { "accept-encoding": "gzip" });
    const gz2 = await rawGet(page, { "accept-encoding": "gzip" });
    expect(gz2.headers["content-encoding"]).toBe("gzip");
    expect(gz2.headers.age).toMatch(/^\d+$/);
    expect(gunzipSync(gz2.body).toString()).toBe(gunzipSync(gz1.body).toString());

    // Next answers an RSC request (payload, or a redirect adding its `_rsc` cache-buster), never the page.
    const rsc = await rawGet(page, { rsc: "1" });
    expect(rsc.headers.age).toBeUndefined();
    expect(rsc.headers["content-type"] ?? "").not.toContain("text/html");

    const json1 = await rawGet(payload);
    const json2 = await rawGet(payload, { "if-none-match": json1.headers.etag as string });
    expect(json2.status).toBe(304);
    expect(json2.headers.age).toMatch(/^\d+$/);

    await api("DELETE", `/api/designs/${design.id}/shares/${made.share.id}`);
    expect((await rawGet(page)).status).toBe(404);
    expect((await rawGet(payload)).status).toBe(404);
    expect((await rawGet(payload, { "if-none-match": json1.headers.etag as string })).status).toBe(404);
  });

  it("never keeps a signed-in page", async () => {
    const first = await rawGet("/designs", { cookie });
    const second = await rawGet("/designs", { cookie });
    expect(first.status).toBe(200);
    expect(second.headers.age).toBeUndefined();
    await rawGet("/designs");
    expect((await rawGet("/designs")).headers.age).toBeUndefined(); // signed out: sent to sign in each time
  });
});
