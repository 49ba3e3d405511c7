// Facts taken from a request that an attacker controls: where `next` may send a browser, which address
// a request came from, and the headers every answer carries.
import { describe, expect, it } from "vitest";
import { securityHeaders } from "@/server/http/security-headers.mjs";
import { addressSet } from "@/server/net/address-set";
import { clientAddress, safeNextPath } from "../request-info";

describe("safeNextPath", () => {
  it("keeps same-origin paths with their query and hash", () => {
    expect(safeNextPath("/designs/abc?tab=live#x")).toBe("/designs/abc?tab=live#x");
    expect(safeNextPath("/share/tok")).toBe("/share/tok");
  });

  it("refuses everything a browser could read as another site", () => {
    for (const next of [
      "/\t/evil.example", // what ?next=/%09/evil.example decodes to
      "/%09/evil.example",
      "//evil.example",
      "/\\evil.example",
      "/\\/evil.example",
      "/%5C%5Cevil.example",
      "/%2F%2Fevil.example",
      "/\n/evil.example",
      "/ /evil.example",
      "https://evil.example",
      "javascript:alert(1)",
      "evil.example",
      "",
      null,
    ])
      expect(safeNextPath(next), JSON.stringify(next)).toBe("/designs");
  });
});

describe("clientAddress", () => {
  const req = (headers: Record<string, string>) => new Request("http://studio.test/", { headers });

  it("is the socket peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    const none = addressSet([]);
    expect(clientAddress(req({ "x-studio-peer": "203.0.113.9", "x-forwarded-for": "10.9.9.9" }), none)).toBe(
      "203.0.113.9",
    );
    expect(clientAddress(req({ "x-forwarded-for": "10.9.9.9" }), none)).toBe("unknown");
    expect(clientAddress(req({ "x-studio-peer": "::ffff:203.0.113.9" }), none)).toBe("203.0.113.9");
  });

  it("walks X-Forwarded-For from the right past trusted proxies only", () => {
    const trusted = addressSet(["10.0.0.0/8"]);
    const r = req({ "x-studio-peer": "10.0.0.2", "x-forwarded-for": "6.6.6.6, 198.51.100.4, 10.0.0.7" });
    // 6.6.6.6 is what the client wrote itself; 198.51.100.4 is the last hop a trusted proxy saw.
    expect(clientAddress(r, trusted)).toBe("198.51.100.4");
  });

  it("reads TRUSTED_PROXIES from the environment", () => {
    process.env.TRUSTED_PROXIES = "192.0.2.1, 2001:db8::/32";
    try {
      expect(clientAddress(req({ "x-studio-peer": "192.0.2.1", "x-forwarded-for": "198.51.100.5" }))).toBe(
        "198.51.100.5",
      );
      expect(clientAddress(req({ "x-studio-peer": "192.0.2.2", "x-forwarded-for": "198.51.100.5" }))).toBe("192.0.2.2");
    } finally {
      delete process.env.TRUSTED_PROXIES;
    }
  });
});

describe("security headers", () => {
  it("forbid framing and sniffing, keep share tokens out of referrers, and allow only same-origin scripts", () => {
    const h = Object.fromEntries(securityHeaders().map(({ key, value }) => [key, value]));
    expect(h["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(h["Content-Security-Policy"]).toContain("script-src 'self' 'unsafe-inline'");
    expect(h["Content-Security-Policy"]).not.toContain("unsafe-eval");
    expect(h["Content-Security-Policy"]).toContain("object-src 'none'");
    expect(h["X-Content-Type-Options"]).toBe("nosniff");
    expect(h["Referrer-Policy"]).toBe("same-origin");
  });
});
