import { z } from "zod";
import { verifyPassword } from "@/server/auth/passwords";
import { PasswordSchema } from "@/server/auth/schemas";
import { createSession, sessionCookie } from "@/server/auth/sessions";
import { findUserByEmail, updateUser } from "@/server/auth/users";
import { audit } from "@/server/audit/log";
import { InvalidError } from "@/server/errors";
import { clientAddress, isHttps, json, route } from "@/server/http/route";

const ChangePassword = z.object({ currentPassword: z.string().min(1), newPassword: PasswordSchema });

/** Changes the caller's own password. Every other session ends; this browser gets a fresh one. */
export const POST = route({ body: ChangePassword, maxBodyBytes: 16 * 1024 }, async ({ req, actor, body }) => {
  const user = await findUserByEmail(actor!.user.email);
  if (!user || !(await verifyPassword(user.passwordHash, body.currentPassword))) {
    throw new InvalidError("current password is wrong", {
      issues: [{ path: "currentPassword", message: "wrong password" }],
    });
  }
  // Ends every session and revokes every API token of the account (users.ts).
  await updateUser(user.id, { password: body.newPassword });
  await audit({
    action: "auth.password_changed",
    actor: actor!.user,
    address: clientAddress(req),
    target: `user:${user.id}`,
  });
  if (actor!.via === "token") return { ok: true };
  const session = await createSession(user.id);
  return json(
    { ok: true },
    { headers: { "set-cookie": sessionCookie(session.token, session.expiresAt, isHttps(req)) } },
  );
});
