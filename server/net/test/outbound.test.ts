// Outbound requests a design can cause (bucket listings), against listeners on 127.0.0.1 only: the
// allow-list, the check after DNS resolution, redirects, and what a peer's answer may reach the caller.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { endpointPolicy, type EndpointPolicy } from "@/server/net/endpoint-allow-list";
import { cachedBucketLister, listingKey } from "@/server/status/bucket-cache";
import { guardedListBucket } from "@/server/status/guarded-bucket";
import type { ListBucket } from "@/server/status/live";

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A peer on 127.0.0.1 that counts requests and answers with `answer`. */
async function peer(answer: (res: http.ServerResponse) => void): Promise<{ port: number; hits: () => number }> {
  let hits = 0;
  const server = http.createServer((_req, res) => {
    hits++;
    answer(res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as AddressInfo).port, hits: () => hits };
}

const denied = (res: http.ServerResponse) =>
  res
    .writeHead(403, { "content-type": "application/xml" })
    .end("<Error><Code>AccessDenied</Code><Message>PEER-SECRET-MESSAGE internal.db:5432</Message></Error>");

const list = (policy: EndpointPolicy, endpoint: string) =>
  guardedListBucket(async () => endpointPolicy(policy))(
    { bucket: "thanos", endpoint, accessKeyId: "AK", secretAccessKey: "SK" },
    { signal: new AbortController().signal, timeoutMs: 3000 },
  );

describe("object-store endpoints the studio connects to", () => {
  it("connects nowhere that is not on the allow-list", async () => {
    const target = await peer(denied);
    const result = await list({ entries: [], allowProviderEndpoints: true }, `http://127.0.0.1:${target.port}`);
    expect(result).toMatchObject({ ok: false, kind: "refused" });
    expect(target.hits()).toBe(0);
  });

  it("resolves a name, then refuses loopback and private addresses unless an IP or CIDR entry covers them", async () => {
    const target = await peer(denied);
    const byName = { entries: [`localhost:${target.port}`], allowProviderEndpoints: false };
    const refused = await list(byName, `http://localhost:${target.port}`);
    expect(refused).toMatchObject({ ok: false, kind: "refused" });
    expect(target.hits()).toBe(0);
    const withRange = { entries: [`localhost:${target.port}`, "127.0.0.0/8", "::1"], allowProviderEndpoints: false };
    const reached = await list(withRange, `http://localhost:${target.port}`);
    expect(reached).toMatchObject({ ok: false, kind: "http", httpStatus: 403 });
    expect(target.hits()).toBeGreaterThan(0);
  });

  it("gives the caller a parsed state only, never the peer's words", async () => {
    const target = await peer(denied);
    const result = await list(
      { entries: ["127.0.0.1/32"], allowProviderEndpoints: false },
      `http://127.0.0.1:${target.port}`,
    );
    expect(result).toMatchObject({ ok: false, kind: "http", httpStatus: 403 });
    expect(JSON.stringify(result)).not.toContain("PEER-SECRET");
    expect(JSON.stringify(result)).not.toContain("internal.db");
    if (!result.ok) expect(result.error).toContain("AccessDenied (HTTP 403)");
  });

  it("never follows a redirect", async () => {
    const elsewhere = await peer((res) => res.writeHead(200).end("<ListBucketResult/>"));
    const redirecting = await peer((res) =>
      res.writeHead(307, { location: `http://127.0.0.1:${elsewhere.port}/thanos?list-type=2` }).end(),
    );
    const result = await list(
      { entries: ["127.0.0.1/32"], allowProviderEndpoints: false },
      `http://127.0.0.1:${redirecting.port}`,
    );
    expect(result.ok).toBe(false);
    expect(redirecting.hits()).toBeGreaterThan(0);
    expect(elsewhere.hits()).toBe(0);
  });

  it("checks endpoints as they are saved: providers' public endpoints by default, the rest only when listed", () => {
    const policy = endpointPolicy({
      entries: ["minio.example.internal:9000", "*.corp.example"],
      allowProviderEndpoints: true,
    });
    expect(policy.endpointProblem("s3.eu-west-1.amazonaws.com")).toBeNull();
    expect(policy.endpointProblem("storage.googleapis.com")).toBeNull();
    expect(policy.endpointProblem("minio.example.internal:9000", true)).toBeNull();
    expect(policy.endpointProblem("minio.example.internal:9001", true)).toMatch(/not on the workspace's allow-list/);
    expect(policy.endpointProblem("s3.corp.example")).toBeNull();
    expect(policy.endpointProblem("169.254.169.254")).toMatch(/not on the workspace's allow-list/);
    expect(policy.endpointProblem("http://user:pw@s3.corp.example")).toMatch(/credentials/);
    expect(policy.endpointProblem("https://s3.corp.example/path")).toMatch(/host and port only/);
    const strict = endpointPolicy({ entries: [], allowProviderEndpoints: false });
    expect(strict.endpointProblem("s3.amazonaws.com")).toMatch(/not on the workspace's allow-list/);
  });
});

describe("the bucket-listing cache", () => {
  it("keys on every credential, so a different secret never reuses another's listing", async () => {
    let calls = 0;
    const counting: ListBucket = async () => {
      calls++;
      return { ok: false, kind: "network", error: "x", checkedAt: new Date().toISOString(), durationMs: 0 };
    };
    const ok: ListBucket = async (a, i) => {
      await counting(a, i);
      return {
        ok: true,
        value: { bucket: a.bucket, blocks: [], deletionMarked: [], partial: [], invalid: [], ignoredPrefixes: [] },
        checkedAt: "",
        durationMs: 0,
      };
    };
    const cached = cachedBucketLister(60_000, ok);
    const init = { signal: new AbortController().signal, timeoutMs: 1000 };
    const base = { bucket: "b", endpoint: "https://s3.example", accessKeyId: "AK", secretAccessKey: "right" };
    await cached(base, init);
    await cached(base, init);
    expect(calls).toBe(1);
    await cached({ ...base, secretAccessKey: "wrong" }, init);
    expect(calls).toBe(2);
    expect(listingKey(base)).not.toContain("right");
  });
});
