import { UpdateUserBody } from "@/server/auth/schemas";
import { countActiveAdmins, getUser, updateUser } from "@/server/auth/users";
import { ConflictError, NotFoundError } from "@/server/errors";
import { route } from "@/server/http/route";

/** Admin: rename, change role, disable/enable, or reset the password of a user. */
export const PATCH = route({ role: "admin", body: UpdateUserBody }, async ({ params, body, actor }) => {
  const user = await getUser(params.id);
  if (!user) throw new NotFoundError("user not found");
  const losesAdmin =
    user.role === "admin" && !user.disabledAt && ((body.role && body.role !== "admin") || body.disabled);
  if (losesAdmin && (await countActiveAdmins()) <= 1) {
    throw new ConflictError("this is the last active admin; make someone else admin first");
  }
  if (body.disabled && user.id === actor!.user.id) throw new ConflictError("you cannot disable your own account");
  return { user: await updateUser(user.id, body) };
});
