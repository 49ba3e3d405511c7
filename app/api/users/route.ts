import { CreateUserBody } from "@/server/auth/schemas";
import { createUser, findUserByEmail, listUsers } from "@/server/auth/users";
import { ConflictError } from "@/server/errors";
import { json, route } from "@/server/http/route";

export const GET = route({ role: "admin" }, async () => ({ users: await listUsers() }));

export const POST = route({ role: "admin", body: CreateUserBody }, async ({ body }) => {
  if (await findUserByEmail(body.email)) throw new ConflictError("a user with this email already exists");
  return json({ user: await createUser(body) }, { status: 201 });
});
