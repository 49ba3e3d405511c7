import { UpdateUserBody } from "@/server/auth/schemas";
import { countActiveAdmins, getUser, updateUser } from "@/server/auth/users";
import { audit } from "@/server/audit/log";
import { ConflictError, NotFoundError } from "@/server/errors";
import { clientAddress, route } from "@/server/http/route";

/** Admin: rename, change role, disable/enable, or reset the password of a user. */
export const PATCH = route({ role: "admin", body: UpdateUserBody }, async ({ req, params, body, actor }) => {
  const user = await getUser(params.id);
  if (!user) throw new NotFoundError("user not found");
  const losesAdmin =
    user.role === "admin" && !user.disabledAt && ((body.role && body.role !== "admin") || body.disabled);
  if (losesAdmin && (await countActiveAdmins()) <= 1) {
    throw new ConflictError("this is the last active admin; make someone else admin first");
  }
  if (body.disabled && user.id === actor!.user.id) throw new ConflictError("you cannot disable your own account");
  const updated = await updateUser(user.id, body);
  await audit({
    action: "user.updated",
    actor: actor!.user,
    address: clientAddress(req),
    target: `user:${user.id}`,
    details: {
      email: user.email,
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.role !== undefined ? { role: { from: user.role, to: body.role } } : {}),
      ...(body.disabled !== undefined ? { disabled: body.disabled } : {}),
      ...(body.password !== undefined ? { passwordReset: true } : {}),
    },
  });
  return { user: updated };
});
