// What the share reads keep, and what they must not: bodies of an immutable revision are served with a
// strong ETag and answer 304 to a browser that holds them; a verified token is reused for at most
// SHARE_RECHECK_MS, so a link revoked on another replica (the row changed behind this process) stops
// working within that bound, and one revoked here stops at once. Real SQLite, real designs and rendering.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db/client";
import { useTestDatabase } from "@/server/db/testing";
import { designService } from "@/server/designs/service";
import { parseDesign } from "@/lib/topology/design";
import { getTemplate } from "@/lib/topology/templates";
import * as shareRoute from "@/app/api/share/[token]/route";
import * as manifestsRoute from "@/app/api/share/[token]/manifests/route";
import * as lintRoute from "@/app/api/share/[token]/lint/route";
import { revokeShare, SHARE_RECHECK_MS, verifiedShareStamp } from "../service";
import type { Actor } from "@/server/auth/actor";
import { getShare, newShare, userWithSession } from "./fixtures";

let editor: Actor;
let designId = "";

const get = getShare;

const share = (input: object) => newShare(editor, designId, input);

beforeAll(async () => {
  await useTestDatabase();
  editor = (await userWithSession("editor", "Eve")).actor;
  const doc = parseDesign(getTemplate("sidecar-ha")!.design);
  designId = (await designService().create({ id: editor.user.id }, { name: "cached", design: doc })).id;
});

afterEach(() => vi.restoreAllMocks());

describe("share bodies kept per revision", () => {
  for (const [name, handler, query, type] of [
    ["the share view", shareRoute.GET, "", "application/json"],
    ["the manifests", manifestsRoute.GET, "", "text/yaml"],
    ["one cluster's manifests", manifestsRoute.GET, "?cluster=prod", "text/yaml"],
    ["the lint findings", lintRoute.GET, "", "application/json"],
  ] as const) {
    it(`sends ${name} with a strong ETag, private no-cache, and 304 to a browser that holds it`, async () => {
      const { token } = await share({ revision: 1 });
      const first = await get(handler, token, query);
      expect(first.status).toBe(200);
      expect(first.headers.get("content-type")).toContain(type);
      expect(first.headers.get("cache-control")).toBe("private, no-cache");
      const etag = first.headers.get("etag")!;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/); // strong: no W/ prefix
      const body = await first.text();
      expect(body.length).toBeGreaterThan(20);

      const again = await get(handler, token, query, { "if-none-match": etag });
      expect(again.status).toBe(304);
      expect(again.headers.get("etag")).toBe(etag);
      expect(await again.text()).toBe("");

      // Another link to the same revision serves the same bytes under the same validator.
      const other = await share({ revision: 1 });
      const same = await get(handler, other.token, query);
      expect(same.headers.get("etag")).toBe(etag);
      expect(await same.text()).toBe(body);

      const stale = await get(handler, token, query, { "if-none-match": '"somethingelse"' });
      expect(stale.status).toBe(200);
      expect(await stale.text()).toBe(body);
    });
  }

  it("gives a new revision a new ETag on a link that follows the latest", async () => {
    const { token } = await share({ revision: "latest" });
    const before = await get(shareRoute.GET, token);
    const etag = before.headers.get("etag")!;
    const doc = parseDesign(getTemplate("sidecar-ha")!.design);
    const latest = (await designService().get(designId)).latestRevision;
    await designService().save({ id: editor.user.id }, designId, {
      baseRevision: latest,
      design: { ...doc, components: doc.components.map((c, i) => (i === 0 ? { ...c, name: `${c.name}-b` } : c)) },
      message: "renamed",
    });
    // The verified token (with the design's latest revision number) is reused up to SHARE_RECHECK_MS.
    const later = Date.now() + SHARE_RECHECK_MS + 10;
    vi.spyOn(Date, "now").mockImplementation(() => later);
    const after = await get(shareRoute.GET, token, "", { "if-none-match": etag });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
    expect((await after.json()).revision).toBe(latest + 1);
  });

  it("answers 404, not 304, to a revoked link even when the browser holds the body", async () => {
    const { token, id } = await share({ revision: 1 });
    const etag = (await get(shareRoute.GET, token)).headers.get("etag")!;
    await revokeShare(designId, id);
    const res = await get(shareRoute.GET, token, "", { "if-none-match": etag });
    expect(res.status).toBe(404);
    expect((await get(manifestsRoute.GET, token)).status).toBe(404);
  });
});

describe("verified share tokens", () => {
  it("stop working within SHARE_RECHECK_MS when revoked behind this process (another replica)", async () => {
    const { token, id } = await share({ revision: 1 });
    expect((await get(shareRoute.GET, token)).status).toBe(200);
    await db().share.update({ where: { id }, data: { revokedAt: new Date() } });
    // Within the bound the kept verification may still answer; past it the database is asked again.
    const kept = await get(shareRoute.GET, token);
    expect(kept.status).toBe(200);
    const later = Date.now() + SHARE_RECHECK_MS + 10;
    vi.spyOn(Date, "now").mockImplementation(() => later);
    expect((await get(shareRoute.GET, token)).status).toBe(404);
    expect((await get(lintRoute.GET, token)).status).toBe(404);
  });

  it("stop at once when revoked through this process", async () => {
    const { token, id } = await share({ revision: 1 });
    expect((await get(shareRoute.GET, token)).status).toBe(200);
    await revokeShare(designId, id);
    expect((await get(shareRoute.GET, token)).status).toBe(404);
  });

  it("still check expiry on every use, however recently verified", async () => {
    const { token } = await share({ revision: 1, expiresAt: new Date(Date.now() + 500).toISOString() });
    expect((await get(shareRoute.GET, token)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 600));
    expect((await get(shareRoute.GET, token)).status).toBe(404);
  });

  it("cost no database query while kept", async () => {
    const { token } = await share({ revision: 1 });
    expect((await get(shareRoute.GET, token)).status).toBe(200);
    const findUnique = vi.spyOn(db().share, "findUnique");
    for (let i = 0; i < 20; i++) expect((await get(shareRoute.GET, token)).status).toBe(200);
    expect(findUnique).not.toHaveBeenCalled();
  });
});

// The response cache (server/http/response-cache.ts) sends a share answer again only while this stamp is
// the same object: it must change or vanish whenever the route's own answer could.
describe("the verified share stamp the response cache relies on", () => {
  it("is the same kept row while verified, and gone when revoked, expired, unknown or malformed", async () => {
    const { token, id } = await share({ revision: 1, expiresAt: new Date(Date.now() + 60_000).toISOString() });
    expect(verifiedShareStamp(token)).toBeUndefined(); // never verified: nothing kept
    expect((await get(shareRoute.GET, token)).status).toBe(200);
    const stamp = verifiedShareStamp(token);
    expect(stamp).toBeDefined();
    expect(verifiedShareStamp(token)).toBe(stamp);
    expect(verifiedShareStamp(token, new Date(Date.now() + 61_000))).toBeUndefined(); // past its expiry
    expect(verifiedShareStamp("x".repeat(43))).toBeUndefined();
    expect(verifiedShareStamp("../../etc")).toBeUndefined();
    await revokeShare(designId, id);
    expect(verifiedShareStamp(token)).toBeUndefined();
  });

  it("changes once the row is verified again after SHARE_RECHECK_MS (a new revision on a latest link shows)", async () => {
    const { token } = await share({ revision: "latest" });
    expect((await get(shareRoute.GET, token)).status).toBe(200);
    const stamp = verifiedShareStamp(token);
    const later = Date.now() + SHARE_RECHECK_MS + 10;
    vi.spyOn(Date, "now").mockImplementation(() => later);
    expect(verifiedShareStamp(token)).toBeUndefined();
    expect((await get(shareRoute.GET, token)).status).toBe(200);
    expect(verifiedShareStamp(token)).toBeDefined();
    expect(verifiedShareStamp(token)).not.toBe(stamp);
  });

  it("survives a re-verification that finds the row unchanged, and goes when the row was revoked elsewhere", async () => {
    const { token, id } = await share({ revision: 1 });
    expect((await get(shareRoute.GET, token)).status).toBe(200);
    const stamp = verifiedShareStamp(token);
    const start = Date.now();
    const at = (ms: number) => vi.spyOn(Date, "now").mockImplementation(() => start + ms);
    const settle = () => new Promise((r) => setTimeout(r, 300)); // the background query
    at(SHARE_RECHECK_MS * 0.6);
    expect(verifiedShareStamp(token)).toBe(stamp); // still kept; verified again behind it
    await settle();
    at(SHARE_RECHECK_MS + 10); // past the first verification's bound, within the second's
    expect(verifiedShareStamp(token)).toBe(stamp);

    await db().share.update({ where: { id }, data: { revokedAt: new Date() } });
    at(SHARE_RECHECK_MS * 1.3); // past half the second verification's time
    expect(verifiedShareStamp(token)).toBe(stamp); // not yet asked again
    await settle();
    expect(verifiedShareStamp(token)).toBeUndefined();
    expect((await get(shareRoute.GET, token)).status).toBe(404);
  });

  it("goes at once when the design is deleted with its shares", async () => {
    const doc = parseDesign(getTemplate("sidecar-ha")!.design);
    const doomed = (await designService().create({ id: editor.user.id }, { name: "doomed", design: doc })).id;
    const { token } = await newShare(editor, doomed, { revision: 1 });
    expect((await get(shareRoute.GET, token)).status).toBe(200);
    expect(verifiedShareStamp(token)).toBeDefined();
    await designService().remove(doomed);
    expect(verifiedShareStamp(token)).toBeUndefined();
    expect((await get(shareRoute.GET, token)).status).toBe(404);
  });
});
