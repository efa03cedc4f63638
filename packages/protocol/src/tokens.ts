import { z } from "zod";
import { idSchema, timestampSchema } from "./common.ts";

/** The prefix of every personal API token, so that secret scanners and people can recognise one. */
export const API_TOKEN_PREFIX = "slip_";

/** A personal API token as listed: its secret is shown once, at creation, and stored only as a hash. */
export const apiTokenSchema = z.object({
  id: idSchema,
  name: z.string(),
  /** The first characters of the secret, to tell tokens apart. */
  prefix: z.string(),
  createdAt: timestampSchema,
  expiresAt: timestampSchema.nullable(),
  lastUsedAt: timestampSchema.nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const createApiTokenBodySchema = z.object({
  name: z.string().trim().min(1).max(100),
  /** Leave out for a token that does not expire. */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export type CreateApiTokenBody = z.infer<typeof createApiTokenBodySchema>;

export const createApiTokenResponseSchema = z.object({ token: apiTokenSchema, secret: z.string() });
export type CreateApiTokenResponse = z.infer<typeof createApiTokenResponseSchema>;
export const apiTokensResponseSchema = z.object({ tokens: z.array(apiTokenSchema) });
