// User accounts: the repository admins manage through /api/users and the sign-in check.
import { db } from "@/server/db/client";
import { revokeUserApiTokens } from "./api-tokens";
import { hashPassword } from "./passwords";
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

const infoSelect = { id: true, email: true, name: true, role: true, createdAt: true, disabledAt: true } as const;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function listUsers(): Promise<UserInfo[]> {
  return (await db().user.findMany({ select: infoSelect, orderBy: { createdAt: "asc" } })) as UserInfo[];
}

export async function getUser(id: string): Promise<UserInfo | null> {
  return (await db().user.findUnique({ where: { id }, select: infoSelect })) as UserInfo | null;
}

export async function findUserByEmail(email: string) {
  return db().user.findUnique({ where: { email: normalizeEmail(email) } });
}

export async function createUser(input: {
  email: string;
  name: string;
  role: Role;
  password: string;
}): Promise<UserInfo> {
  const passwordHash = await hashPassword(input.password);
  return (await db().user.create({
    data: { email: normalizeEmail(input.email), name: input.name.trim(), role: input.role, passwordHash },
    select: infoSelect,
  })) as UserInfo;
}

export async function updateUser(
  id: string,
  patch: { name?: string; role?: Role; disabled?: boolean; password?: string },
): Promise<UserInfo> {
  const data: { name?: string; role?: Role; disabledAt?: Date | null; passwordHash?: string } = {};
  if (patch.name !== undefined) data.name = patch.name.trim();
  if (patch.role !== undefined) data.role = patch.role;
  if (patch.disabled !== undefined) data.disabledAt = patch.disabled ? new Date() : null;
  if (patch.password !== undefined) data.passwordHash = await hashPassword(patch.password);
  const user = (await db().user.update({ where: { id }, data, select: infoSelect })) as UserInfo;
  // A disabled account or a reset password must not keep old browser sessions or API tokens alive.
  if (patch.disabled || patch.password !== undefined) {
    await destroyUserSessions(id);
    await revokeUserApiTokens(id);
  }
  return user;
}

export async function countActiveAdmins(): Promise<number> {
  return db().user.count({ where: { role: "admin", disabledAt: null } });
}
