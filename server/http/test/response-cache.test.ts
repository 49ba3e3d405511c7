// The response cache against a real Node HTTP server on 127.0.0.1 whose handler answers the way Next's
// does: through Next's own compiled `compression` middleware, streaming its body in chunks. The handler
// counts what reaches it, so "served from the cache" means "the handler never saw the request".
import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
// @ts-expect-error: Next ships it compiled, without types
import compression from "next/dist/compiled/compression";
import {
  MAX_ENTRY_BYTES,
  cacheResponses,
  installResponseCache,
  purgeResponses,
  resetResponseCache,
} from "../response-cache";

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => unknown;

let server: http.Server;
let base: string;
let seen: string[] = [];
const routes = new Map<string, Handler>();
const compress = compression() as (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  installResponseCache();
  server = http.createServer((req, res) => {
    seen.push(req.url ?? "");
    compress(req, res, () => {
      const handler = routes.get((req.url ?? "").split("?")[0]);
      if (!handler) {
        res.statusCode = 404;
        res.end("not found");
        return;
      }
      void handler(req, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  resetResponseCache();
  await new Promise((r) => server.close(r));
});

let stamp: unknown = "v1";
beforeEach(() => {
  resetResponseCache();
  seen = [];
  stamp = "v1";
  routes.clear();
  cacheResponses({ name: "plain", path: /^\/plain$/, ttlMs: 200 });
  cacheResponses({ name: "stamped", path: /^\/share\/(\w+)$/, ttlMs: 60_000, stamp: () => stamp });
  routes.set("/plain", (_req, res) => {
    res.setHeader("content-type", "application/json");
    res.setHeader("etag", '"abc"');
    res.end(JSON.stringify({ n: seen.length }));
  });
});

/** A raw GET (no automatic decompression), resolving to status, headers and body bytes. */
function get(path: string, headers: http.OutgoingHttpHeaders = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(`${base}${path}`, { headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

describe("response cache", () => {
  it("answers a repeated GET from memory until its rule's time is up", async () => {
    const first = await get("/plain");
    const second = await get("/plain");
    expect(first.status).toBe(200);
    expect(second.body.toString()).toBe(first.body.toString());
    expect(second.headers["content-type"]).toBe("application/json");
    expect(second.headers.age).toBe("0");
    expect(seen).toEqual(["/plain"]);
    await pause(250);
    const third = await get("/plain");
    expect(JSON.parse(third.body.toString())).toEqual({ n: 2 });
    expect(seen).toHaveLength(2);
  });

  it("keeps each encoding apart, storing the compressed bytes Next's compression wrote", async () => {
    routes.set("/plain", (_req, res) => {
      res.setHeader("content-type", "text/plain");
      res.end("x".repeat(5000));
    });
    const gzip1 = await get("/plain", { "accept-encoding": "gzip" });
    const gzip2 = await get("/plain", { "accept-encoding": "gzip" });
    const identity = await get("/plain");
    expect(gzip1.headers["content-encoding"]).toBe("gzip");
    expect(gzip2.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzip2.body).toString()).toBe("x".repeat(5000));
    expect(gzip2.body.length).toBeLessThan(200);
    expect(identity.headers["content-encoding"]).toBeUndefined();
    expect(identity.body.toString()).toBe("x".repeat(5000));
    expect(seen).toHaveLength(2);
  });

  it("keeps a body streamed in chunks whole", async () => {
    routes.set("/share/abc", async (_req, res) => {
      res.setHeader("content-type", "text/html");
      for (const part of ["<html>", "<body>streamed</body>", "</html>"]) {
        res.write(part);
        await pause(5);
      }
      res.end();
    });
    const first = await get("/share/abc");
    const second = await get("/share/abc");
    expect(second.body.toString()).toBe("<html><body>streamed</body></html>");
    expect(first.body.toString()).toBe(second.body.toString());
    expect(seen).toHaveLength(1);
  });

  it("serves a stamped answer only while the stamp is unchanged, and stores nothing without one", async () => {
    routes.set("/share/abc", (_req, res) => res.end(`answer ${seen.length}`));
    expect((await get("/share/abc")).body.toString()).toBe("answer 1");
    expect((await get("/share/abc")).body.toString()).toBe("answer 1");
    stamp = "v2"; // e.g. the share row was verified again, or revoked and re-created
    expect((await get("/share/abc")).body.toString()).toBe("answer 2");
    stamp = undefined; // revoked: no verified row in memory
    expect((await get("/share/abc")).body.toString()).toBe("answer 3");
    expect((await get("/share/abc")).body.toString()).toBe("answer 4");
    expect(seen).toHaveLength(4);
  });

  it("lets fifty concurrent misses wait for one answer", async () => {
    routes.set("/share/slow", async (_req, res) => {
      await pause(80);
      res.end(`slow ${seen.length}`);
    });
    const answers = await Promise.all(Array.from({ length: 50 }, () => get("/share/slow")));
    expect(new Set(answers.map((a) => a.body.toString()))).toEqual(new Set(["slow 1"]));
    expect(seen).toEqual(["/share/slow"]);
  });

  it("sends each waiter on to the handler when the first answer cannot be kept", async () => {
    routes.set("/share/cookie", async (_req, res) => {
      await pause(30);
      res.setHeader("set-cookie", "sid=1");
      res.end("personal");
    });
    const answers = await Promise.all(Array.from({ length: 5 }, () => get("/share/cookie")));
    expect(answers.every((a) => a.headers["set-cookie"]?.[0] === "sid=1")).toBe(true);
    expect(seen).toHaveLength(5);
  });

  it("never stores errors, RSC payload requests, other methods or answers that vary on cookies", async () => {
    routes.set("/share/vary", (_req, res) => {
      res.setHeader("vary", "Cookie");
      res.end("depends on who asks");
    });
    routes.set("/share/fail", (_req, res) => {
      res.statusCode = 500;
      res.end("boom");
    });
    routes.set("/share/rsc", (_req, res) => res.end("page"));
    for (let i = 0; i < 2; i++) {
      await get("/share/vary");
      await get("/share/fail");
      await get("/share/missing");
      await get("/share/rsc", { rsc: "1" });
      await get("/share/rsc?_rsc=x1");
    }
    await new Promise<void>((resolve) => {
      const req = http.request(`${base}/share/rsc`, { method: "HEAD", agent: false }, (res) => {
        res.resume();
        res.on("end", resolve);
      });
      req.end();
    });
    expect(seen.filter((u) => u === "/share/vary")).toHaveLength(2);
    expect(seen.filter((u) => u === "/share/fail")).toHaveLength(2);
    expect(seen.filter((u) => u === "/share/missing")).toHaveLength(2);
    expect(seen.filter((u) => u.startsWith("/share/rsc"))).toHaveLength(5);
  });

  it("answers 304 from memory when the browser holds the stored ETag", async () => {
    await get("/plain");
    const revalidated = await get("/plain", { "if-none-match": '"abc"' });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.etag).toBe('"abc"');
    expect(revalidated.body.length).toBe(0);
    expect(seen).toHaveLength(1);
  });

  it("leaves paths without a rule alone, and drops what purge names", async () => {
    routes.set("/other", (_req, res) => res.end("other"));
    await get("/other");
    await get("/other");
    expect(seen).toHaveLength(2);
    await get("/plain");
    purgeResponses((url) => url === "/plain");
    await get("/plain");
    expect(seen.filter((u) => u === "/plain")).toHaveLength(2);
  });

  it("does not keep a body larger than an entry may be", async () => {
    routes.set("/share/big", (_req, res) => {
      res.write(Buffer.alloc(MAX_ENTRY_BYTES, 97));
      res.end("!");
    });
    const first = await get("/share/big");
    await get("/share/big");
    expect(first.body.length).toBe(MAX_ENTRY_BYTES + 1);
    expect(seen).toHaveLength(2);
  });
});
