// The audit log through the real route handlers: what gets recorded, that no secret value ever lands in
// it (sentinel values in every place a secret can be typed), the filters and the JSON-lines export; the
// four-eyes approval rule; and GET /metrics.
import { beforeAll, describe, expect, it } from "vitest";
import * as approvalsRoute from "@/app/api/designs/[id]/approvals/route";
import * as shareRoute from "@/app/api/designs/[id]/shares/[shareId]/route";
import * as sharesRoute from "@/app/api/designs/[id]/shares/route";
import * as designsRoute from "@/app/api/designs/route";
import * as auditExportRoute from "@/app/api/audit/export/route";
import * as auditRoute from "@/app/api/audit/route";
import * as loginRoute from "@/app/api/auth/login/route";
import * as metricsTokenRoute from "@/app/api/settings/metrics-token/route";
import * as settingsRoute from "@/app/api/settings/route";
import * as tokensRoute from "@/app/api/tokens/route";
import * as usersRoute from "@/app/api/users/route";
import * as userRoute from "@/app/api/users/[id]/route";
import * as metricsRoute from "@/app/metrics/route";
import { createSession } from "@/server/auth/sessions";
import { createUser } from "@/server/auth/users";
import { db } from "@/server/db/client";
import { useTestDatabase } from "@/server/db/testing";
import { secretDesign } from "@/server/designs/test/fixtures";

const SENTINELS = [
  "SENTINEL-ACCESS-KEY-7f3a",
  "SENTINEL-SECRET-KEY-91bc",
  "SENTINEL-PASSWORD-55d2",
  "SENTINEL-GUESS-0e41",
];

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function send(
  h: Handler,
  method: string,
  path: string,
  opts: { cookie?: string; body?: unknown; params?: Record<string, string>; headers?: Record<string, string> } = {},
): Promise<Response> {
  return h(
    new Request(`http://studio.test${path}`, {
      method,
      headers: {
        host: "studio.test",
        "content-type": "application/json",
        "x-studio-peer": "198.51.100.23",
        ...(opts.cookie ? { cookie: opts.cookie } : {}),
        ...opts.headers,
      },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    }),
    { params: Promise.resolve(opts.params ?? {}) },
  );
}

let admin = "";
let deployer = "";
let adminId = "";
let designId = "";

beforeAll(async () => {
  await useTestDatabase();
  const a = await createUser({ email: "audit-admin@example.com", name: "Ada", role: "admin", password: "password-1" });
  const d = await createUser({
    email: "audit-deployer@example.com",
    name: "Dee",
    role: "deployer",
    password: "password-1",
  });
  adminId = a.id;
  admin = `studio_session=${(await createSession(a.id)).token}`;
  deployer = `studio_session=${(await createSession(d.id)).token}`;
});

describe("the audit log", () => {
  it("records who did what, and never a secret value", async () => {
    const design = secretDesign("audited", SENTINELS[0], SENTINELS[1]);
    const created = await send(designsRoute.POST, "POST", "/api/designs", {
      cookie: admin,
      body: { name: "audited", design },
    });
    expect(created.status).toBe(201);
    designId = ((await created.json()) as { id: string }).id;
    const share = await send(sharesRoute.POST, "POST", `/api/designs/${designId}/shares`, {
      cookie: admin,
      params: { id: designId },
      body: { revision: 1, allowStatus: true },
    });
    expect(share.status).toBe(201);
    const shareId = ((await share.json()) as { share: { id: string } }).share.id;
    expect(
      (await send(shareRoute.DELETE, "DELETE", "/x", { cookie: admin, params: { id: designId, shareId } })).status,
    ).toBe(200);
    expect(
      (
        await send(approvalsRoute.POST, "POST", "/x", {
          cookie: deployer,
          params: { id: designId },
          body: { revision: 1 },
        })
      ).status,
    ).toBe(200);
    expect(
      (await send(settingsRoute.PUT, "PUT", "/api/settings", { cookie: admin, body: { allowExecPlugins: false } }))
        .status,
    ).toBe(200);
    expect((await send(tokensRoute.POST, "POST", "/api/tokens", { cookie: admin, body: { name: "ci" } })).status).toBe(
      201,
    );
    const user = await send(usersRoute.POST, "POST", "/api/users", {
      cookie: admin,
      body: { email: "new@example.com", name: "New", role: "viewer", password: SENTINELS[2] },
    });
    const userId = ((await user.json()) as { user: { id: string } }).user.id;
    expect(
      (
        await send(userRoute.PATCH, "PATCH", "/x", {
          cookie: admin,
          params: { id: userId },
          body: { role: "editor", password: `${SENTINELS[2]}-2` },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await send(loginRoute.POST, "POST", "/api/auth/login", {
          body: { email: "new@example.com", password: SENTINELS[3] },
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await send(loginRoute.POST, "POST", "/api/auth/login", {
          body: { email: "new@example.com", password: `${SENTINELS[2]}-2` },
        })
      ).status,
    ).toBe(200);

    const rows = await db().auditEvent.findMany({ orderBy: { at: "asc" } });
    const everything = JSON.stringify(rows);
    for (const s of SENTINELS) expect(everything).not.toContain(s);
    const actions = rows.map((r) => r.action);
    for (const a of [
      "share.created",
      "share.revoked",
      "approval.granted",
      "settings.changed",
      "token.created",
      "user.created",
      "user.updated",
      "auth.login_failed",
      "auth.login",
    ])
      expect(actions).toContain(a);
    const roleChange = rows.find((r) => r.action === "user.updated")!;
    expect(JSON.parse(roleChange.details!)).toMatchObject({
      role: { from: "viewer", to: "editor" },
      passwordReset: true,
    });
    expect(rows.find((r) => r.action === "auth.login_failed")).toMatchObject({
      actorLabel: "new@example.com",
      address: "198.51.100.23",
    });
    expect(rows.find((r) => r.action === "share.revoked")).toMatchObject({
      actorId: adminId,
      target: `design:${designId}`,
    });
  });

  it("filters for admins only, and exports the same entries as JSON lines", async () => {
    const list = await send(auditRoute.GET as Handler, "GET", `/api/audit?action=share.&target=design:${designId}`, {
      cookie: admin,
    });
    expect(list.status).toBe(200);
    const { entries } = (await list.json()) as { entries: Array<{ action: string }> };
    expect(entries.map((e) => e.action).sort()).toEqual(["share.created", "share.revoked"]);
    expect((await send(auditRoute.GET as Handler, "GET", "/api/audit", { cookie: deployer })).status).toBe(403);
    expect((await send(auditRoute.GET as Handler, "GET", "/api/audit?from=yesterday", { cookie: admin })).status).toBe(
      400,
    );

    const exported = await send(auditExportRoute.GET as Handler, "GET", "/api/audit/export", { cookie: admin });
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-type")).toContain("application/x-ndjson");
    const lines = (await exported.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { action: string; at: string });
    expect(lines).toHaveLength(await db().auditEvent.count());
    expect(lines.map((l) => l.at)).toEqual([...lines.map((l) => l.at)].sort());
  });
});

describe("approvals", () => {
  it("need someone other than the revision's author while approved revisions are required", async () => {
    await send(settingsRoute.PUT, "PUT", "/api/settings", { cookie: admin, body: { requireApprovedRevision: true } });
    try {
      const own = await send(approvalsRoute.POST, "POST", "/x", {
        cookie: admin,
        params: { id: designId },
        body: { revision: 1 },
      });
      expect(own.status).toBe(403);
      expect(((await own.json()) as { error: string }).error).toContain("someone else must approve it");
      const other = await send(approvalsRoute.POST, "POST", "/x", {
        cookie: deployer,
        params: { id: designId },
        body: { revision: 1 },
      });
      expect(other.status).toBe(200);
      await send(settingsRoute.PUT, "PUT", "/api/settings", { cookie: admin, body: { requireApprovalByOther: false } });
      const allowed = await send(approvalsRoute.POST, "POST", "/x", {
        cookie: admin,
        params: { id: designId },
        body: { revision: 1 },
      });
      expect(allowed.status).toBe(200);
    } finally {
      await send(settingsRoute.PUT, "PUT", "/api/settings", {
        cookie: admin,
        body: { requireApprovedRevision: false, requireApprovalByOther: true },
      });
    }
  });
});

describe("GET /metrics", () => {
  const scrape = (token?: string) =>
    metricsRoute.GET(
      new Request("http://studio.test/metrics", { headers: token ? { authorization: `Bearer ${token}` } : {} }),
    );

  it("is off by default, then answers only with the metrics token", async () => {
    expect((await scrape()).status).toBe(404);
    await send(settingsRoute.PUT, "PUT", "/api/settings", { cookie: admin, body: { metricsEnabled: true } });
    const rotated = await send(metricsTokenRoute.POST, "POST", "/x", { cookie: admin });
    expect(rotated.status).toBe(201);
    const { token } = (await rotated.json()) as { token: string };
    expect((await scrape()).status).toBe(401);
    expect((await scrape("tsm_wrong")).status).toBe(401);
    const res = await scrape(token);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(
      /studio_http_requests_total\{method="POST",route="\/api\/designs\/\[id\]\/shares",status="201"\} \d+/,
    );
    expect(text).toMatch(/studio_login_failures_total\{reason="invalid"\} [1-9]/);
    expect(text).toContain("studio_http_request_duration_seconds_bucket");
    expect(text).toContain("# TYPE studio_deploy_runs_total counter");
    expect(text).toContain("# TYPE studio_status_refresh_duration_seconds histogram");
  });
});
