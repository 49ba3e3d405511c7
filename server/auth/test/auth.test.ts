// Accounts, sessions, API tokens and sign-in throttling against a real (temp SQLite) database.
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/server/db/testing";
import { hashPassword, verifyPassword } from "../passwords";
import { roleAtLeast } from "../roles";
import { authRepositoryTests } from "./auth-suite";

describe("passwords", () => {
  it("hashes with argon2id, salted, and verifies only the right password", async () => {
    const a = await hashPassword("correct horse");
    const b = await hashPassword("correct horse");
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, "correct horse")).toBe(true);
    expect(await verifyPassword(a, "correct horsE")).toBe(false);
    expect(await verifyPassword("garbage", "x")).toBe(false);
  });
});

describe("roles", () => {
  it("orders viewer < editor < deployer < admin", () => {
    expect(roleAtLeast("admin", "deployer")).toBe(true);
    expect(roleAtLeast("deployer", "editor")).toBe(true);
    expect(roleAtLeast("editor", "deployer")).toBe(false);
    expect(roleAtLeast("viewer", "viewer")).toBe(true);
    expect(roleAtLeast("viewer", "editor")).toBe(false);
  });
});

describe("on SQLite", () => {
  authRepositoryTests(async () => {
    await useTestDatabase();
  });
});
