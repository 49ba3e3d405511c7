import { mkdtempSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isSealed, open, seal, SecretBoxError, secretKeyFile } from "./secret-box";

describe("secret box", () => {
  const saved = { key: process.env.STUDIO_SECRET_KEY, dir: process.env.STUDIO_DATA_DIR };
  beforeEach(() => {
    delete process.env.STUDIO_SECRET_KEY;
    process.env.STUDIO_DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "secretbox-"));
  });
  afterEach(() => {
    if (saved.key === undefined) delete process.env.STUDIO_SECRET_KEY;
    else process.env.STUDIO_SECRET_KEY = saved.key;
    if (saved.dir === undefined) delete process.env.STUDIO_DATA_DIR;
    else process.env.STUDIO_DATA_DIR = saved.dir;
  });

  it("round-trips text and never shows the plaintext in the sealed form", () => {
    const secret = "apiVersion: v1\nusers:\n- name: admin\n  user: {token: s3cr3t-ü}";
    const sealed = seal(secret);
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain("s3cr3t");
    expect(open(sealed)).toBe(secret);
    expect(seal(secret)).not.toBe(sealed); // fresh nonce every time
  });

  it("generates ./data/secret.key once, with mode 0600, and reuses it", () => {
    const sealed = seal("x");
    const file = secretKeyFile();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const keyText = readFileSync(file, "utf8");
    expect(Buffer.from(keyText.trim(), "base64")).toHaveLength(32);
    seal("y");
    expect(readFileSync(file, "utf8")).toBe(keyText);
    expect(open(sealed)).toBe("x");
  });

  it("derives the key from STUDIO_SECRET_KEY; another key cannot open the value", () => {
    process.env.STUDIO_SECRET_KEY = "correct horse battery staple";
    const sealed = seal("kubeconfig");
    expect(open(sealed)).toBe("kubeconfig");
    process.env.STUDIO_SECRET_KEY = "another key";
    expect(() => open(sealed)).toThrow(SecretBoxError);
  });

  it("rejects tampered and malformed values", () => {
    const sealed = seal("value");
    const raw = Buffer.from(sealed.slice(3), "base64url");
    raw[raw.length - 20] ^= 1;
    expect(() => open("v1:" + raw.toString("base64url"))).toThrow(/tampered/);
    expect(() => open("plain")).toThrow(SecretBoxError);
    expect(() => open("v1:AAAA")).toThrow(/truncated/);
  });
});
