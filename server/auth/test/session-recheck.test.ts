// Session rows are reused for SESSION_RECHECK_MS between requests; writes through this process (sign-out,
// a role change, disabling) take effect at once, and the kept row costs no query. Real SQLite.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db/client";
import { useTestDatabase } from "@/server/db/testing";
import { createSession, destroySession, userFromSessionToken } from "../sessions";
import { createUser, updateUser } from "../users";

beforeAll(async () => {
  await useTestDatabase();
});
afterEach(() => vi.restoreAllMocks());

let seq = 0;
async function signedIn() {
  const user = await createUser({
    email: `kept-${++seq}@example.com`,
    name: "Kim",
    role: "editor",
    password: "pw-123456",
  });
  return { user, token: (await createSession(user.id)).token };
}

describe("kept sessions", () => {
  it("answer repeated lookups without a query", async () => {
    const { token } = await signedIn();
    expect(await userFromSessionToken(token)).toMatchObject({ role: "editor" });
    const findUnique = vi.spyOn(db().session, "findUnique");
    for (let i = 0; i < 20; i++) expect(await userFromSessionToken(token)).toMatchObject({ role: "editor" });
    expect(findUnique).not.toHaveBeenCalled();
  });

  it("end at once on sign-out, a role change or disabling in this process", async () => {
    const a = await signedIn();
    expect(await userFromSessionToken(a.token)).not.toBeNull();
    await destroySession(a.token);
    expect(await userFromSessionToken(a.token)).toBeNull();

    const b = await signedIn();
    expect(await userFromSessionToken(b.token)).toMatchObject({ role: "editor" });
    await updateUser(b.user.id, { role: "viewer" });
    expect(await userFromSessionToken(b.token)).toMatchObject({ role: "viewer" });
    await updateUser(b.user.id, { disabled: true });
    expect(await userFromSessionToken(b.token)).toBeNull();
  });
});
