import { z } from "zod";
import { registerBodySchema, userRoleSchema, userSchema } from "./auth.ts";
import { idSchema, timestampSchema } from "./common.ts";
import { modelKindSchema } from "./conversations.ts";
import { baseUrlSchema } from "./keys.ts";
import { usageTotalsSchema, userLimitOverridesSchema, userLimitsSchema } from "./usage.ts";

/** An account as administrators see it: its limits in force, its own overrides, and its usage of the last 30 days. */
export const adminUserSchema = userSchema.extend({
  limits: userLimitsSchema,
  limitOverrides: userLimitOverridesSchema,
  usage: usageTotalsSchema,
});
export type AdminUser = z.infer<typeof adminUserSchema>;

export const adminUsersResponseSchema = z.object({ users: z.array(adminUserSchema) });
export type AdminUsersResponse = z.infer<typeof adminUsersResponseSchema>;

export const adminUpdateUserBodySchema = z
  .object({
    role: userRoleSchema.optional(),
    disabled: z.boolean().optional(),
    limits: userLimitOverridesSchema.optional(),
  })
  .refine(
    (body) => body.role !== undefined || body.disabled !== undefined || body.limits !== undefined,
    "set role, disabled or limits",
  );
export type AdminUpdateUserBody = z.infer<typeof adminUpdateUserBodySchema>;

export const adminUserResponseSchema = z.object({ user: adminUserSchema });

/** `POST /api/admin/users`: an account an administrator adds, open registration or not. */
export const adminCreateUserBodySchema = registerBodySchema.extend({ role: userRoleSchema.default("user") });
export type AdminCreateUserBody = z.input<typeof adminCreateUserBodySchema>;

/** A model and who is offered it: `roles` null means every role. */
export const adminModelSchema = z.object({
  id: z.string(),
  provider: z.string(),
  name: z.string(),
  kind: modelKindSchema,
  enabled: z.boolean(),
  roles: z.array(userRoleSchema).nullable(),
});
export type AdminModel = z.infer<typeof adminModelSchema>;
export const adminModelsResponseSchema = z.object({ models: z.array(adminModelSchema) });
export const adminUpdateModelBodySchema = z.object({
  enabled: z.boolean(),
  roles: z.array(userRoleSchema).min(1).nullable().optional(),
});
export type AdminUpdateModelBody = z.infer<typeof adminUpdateModelBodySchema>;
export const adminModelResponseSchema = z.object({ model: adminModelSchema });

/** Kinds of provider connections administrators add at run time, beside the environment's providers. */
export const connectionKindSchema = z.enum(["openai-compatible", "mistral", "deepseek", "vercel"]);
export type ConnectionKind = z.infer<typeof connectionKindSchema>;

export const providerConnectionSchema = z.object({
  id: idSchema,
  kind: connectionKindSchema,
  /** The provider part of its model ids. */
  name: z.string(),
  baseUrl: z.string().nullable(),
  /** `…` and the last 4 characters of its key; null when it has none. */
  hint: z.string().nullable(),
  createdAt: timestampSchema,
});
export type ProviderConnection = z.infer<typeof providerConnectionSchema>;

export const createProviderConnectionBodySchema = z
  .object({
    kind: connectionKindSchema,
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "lowercase letters, digits and dashes")
      .optional(),
    baseUrl: baseUrlSchema.optional(),
    apiKey: z.string().trim().min(1).max(1000).optional(),
  })
  .refine((body) => body.kind !== "openai-compatible" || (body.baseUrl !== undefined && body.name !== undefined), {
    message: "an openai-compatible connection needs a name and a baseUrl",
    path: ["baseUrl"],
  })
  .refine((body) => body.kind === "openai-compatible" || body.apiKey !== undefined, {
    message: "this provider needs an apiKey",
    path: ["apiKey"],
  });
export type CreateProviderConnectionBody = z.infer<typeof createProviderConnectionBodySchema>;
export const providerConnectionResponseSchema = z.object({ connection: providerConnectionSchema });
export const providerConnectionsResponseSchema = z.object({ connections: z.array(providerConnectionSchema) });
