import { CreateUserBody } from "@/server/auth/schemas";
import { createUser, findUserByEmail, listUsers } from "@/server/auth/users";
import { audit } from "@/server/audit/log";
import { ConflictError } from "@/server/errors";
import { clientAddress, json, route } from "@/server/http/route";

export const GET = route({ role: "admin" }, async () => ({ users: await listUsers() }));

export const POST = route({ role: "admin", body: CreateUserBody }, async ({ req, actor, body }) => {
  if (await findUserByEmail(body.email)) throw new ConflictError("a user with this email already exists");
  const user = await createUser(body);
  await audit({
    action: "user.created",
    actor: actor!.user,
    address: clientAddress(req),
    target: `user:${user.id}`,
    details: { email: user.email, role: user.role },
  });
  return json({ user }, { status: 201 });
});
