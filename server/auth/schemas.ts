// Input shapes for account management, shared by the API routes and the Settings forms.
import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "./passwords";
import { ROLES } from "./roles";

export const RoleSchema = z.enum(ROLES);
export const PasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(1024);

export const CreateUserBody = z.object({
  email: z.email().max(320),
  name: z.string().trim().min(1).max(120),
  role: RoleSchema,
  password: PasswordSchema,
});

export const UpdateUserBody = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    role: RoleSchema.optional(),
    disabled: z.boolean().optional(),
    password: PasswordSchema.optional(),
  })
  .strict();

export const CreateTokenBody = z
  .object({
    name: z.string().trim().min(1).max(80),
    /** Days until the token stops working; absent = no expiry. */
    expiresInDays: z.number().int().min(1).max(3660).optional(),
  })
  .strict();
