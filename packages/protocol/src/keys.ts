import { z } from "zod";
import { idSchema, timestampSchema } from "./common.ts";

/** The providers a user may bring a key for. */
export const keyProviderSchema = z.enum(["openai", "anthropic", "google", "xai", "openai-compatible"]);
export type KeyProvider = z.infer<typeof keyProviderSchema>;

/** A base URL a user or an administrator sets: http(s) only, no credentials in it (they go in the key). */
export const baseUrlSchema = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .refine((url) => {
    const { username, password } = new URL(url);
    return !username && !password;
  }, "must not contain credentials; put the key in apiKey");

/** A provider key as the API shows it: never the key itself, only `…` and its last 4 characters. */
export const providerKeySchema = z.object({
  id: idSchema,
  provider: keyProviderSchema,
  label: z.string(),
  baseUrl: z.string().nullable(),
  hint: z.string(),
  /** The provider part of the model ids this key serves (`openai`, or the label's slug for a custom server). */
  modelProvider: z.string(),
  createdAt: timestampSchema,
  lastUsedAt: timestampSchema.nullable(),
});
export type ProviderKey = z.infer<typeof providerKeySchema>;

export const createProviderKeyBodySchema = z
  .object({
    provider: keyProviderSchema,
    apiKey: z.string().trim().min(1).max(1000),
    baseUrl: baseUrlSchema.optional(),
    label: z.string().trim().min(1).max(60).optional(),
  })
  .refine((body) => body.provider !== "openai-compatible" || body.baseUrl !== undefined, {
    message: "an openai-compatible key needs its baseUrl",
    path: ["baseUrl"],
  });
export type CreateProviderKeyBody = z.infer<typeof createProviderKeyBodySchema>;

export const providerKeyResponseSchema = z.object({ key: providerKeySchema });
export const providerKeysResponseSchema = z.object({ keys: z.array(providerKeySchema) });
