// User accounts: the rules admins manage them by through /api/users, and the sign-in lookup.
import { revokeUserApiTokens } from "./api-tokens";
import { hashPassword } from "./passwords";
import { authRepository, type UserPatch } from "./repository";
import type { Role } from "./roles";
import { destroyUserSessions } from "./sessions";

export interface UserInfo {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: Date;
  disabledAt: Date | null;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function listUsers(): Promise<UserInfo[]> {
  return (await authRepository().listUsers()) as UserInfo[];
}

export async function getUser(id: string): Promise<UserInfo | null> {
  return (await authRepository().findUser(id)) as UserInfo | null;
}

export async function findUserByEmail(email: string) {
  return authRepository().findUserByEmail(normalizeEmail(email));
}

export async function createUser(input: {
  email: string;
  name: string;
  role: Role;
  password: string;
}): Promise<UserInfo> {
  const passwordHash = await hashPassword(input.password);
  return (await authRepository().createUser({
    email: normalizeEmail(input.email),
    name: input.name.trim(),
    role: input.role,
    passwordHash,
  })) as UserInfo;
}

export async function updateUser(
  id: string,
  patch: { name?: string; role?: Role; disabled?: boolean; password?: string },
): Promise<UserInfo> {
  const data: UserPatch = {};
  if (patch.name !== undefined) data.name = patch.name.trim();
  if (patch.role !== undefined) data.role = patch.role;
  if (patch.disabled !== undefined) data.disabledAt = patch.disabled ? new Date() : null;
  if (patch.password !== undefined) data.passwordHash = await hashPassword(patch.password);
  const user = (await authRepository().updateUser(id, data)) as UserInfo;
  // A disabled account or a reset password must not keep old browser sessions or API tokens alive.
  if (patch.disabled || patch.password !== undefined) {
    await destroyUserSessions(id);
    await revokeUserApiTokens(id);
  }
  return user;
}

export async function countActiveAdmins(): Promise<number> {
  return authRepository().countActiveAdmins();
}
