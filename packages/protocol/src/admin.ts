import { z } from "zod";
import { userRoleSchema, userSchema } from "./auth.ts";

export const adminUsersResponseSchema = z.object({ users: z.array(userSchema) });
export type AdminUsersResponse = z.infer<typeof adminUsersResponseSchema>;

export const adminUpdateUserBodySchema = z
  .object({ role: userRoleSchema.optional(), disabled: z.boolean().optional() })
  .refine((body) => body.role !== undefined || body.disabled !== undefined, "set role or disabled");
export type AdminUpdateUserBody = z.infer<typeof adminUpdateUserBodySchema>;

export const adminUserResponseSchema = z.object({ user: userSchema });
