import { z } from "zod";
import { timestampSchema } from "./common.ts";

/** The name of a user secret, as MCP header templates name it: `{{user.secret.NAME}}`. */
export const secretNameSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, "1 to 64 letters, digits, '_', '.' or '-'");

/** A user secret as the API shows it: never its value, only `…` and its last 4 characters. */
export const userSecretSchema = z.object({
  name: secretNameSchema,
  hint: z.string(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type UserSecret = z.infer<typeof userSecretSchema>;

export const putSecretBodySchema = z.object({ value: z.string().min(1).max(8_000) });
export type PutSecretBody = z.infer<typeof putSecretBodySchema>;

export const userSecretResponseSchema = z.object({ secret: userSecretSchema });
export const userSecretsResponseSchema = z.object({ secrets: z.array(userSecretSchema) });
export type UserSecretsResponse = z.infer<typeof userSecretsResponseSchema>;
