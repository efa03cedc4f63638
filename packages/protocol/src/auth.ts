import { z } from "zod";
import { idSchema, timestampSchema } from "./common.ts";

/** Argon2 has no 72-byte limit, so long Unicode passphrases are accepted whole. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 1024;

const emailSchema = z.email().max(254);
const passwordSchema = z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH);

export const userRoleSchema = z.enum(["admin", "user"]);
export type UserRole = z.infer<typeof userRoleSchema>;

export const userSchema = z.object({
  id: idSchema,
  email: z.string(),
  name: z.string().nullable(),
  role: userRoleSchema,
  /** A disabled account cannot sign in or use any path until an admin enables it again. */
  disabled: z.boolean(),
  createdAt: timestampSchema,
});
export type User = z.infer<typeof userSchema>;

export const registerBodySchema = z.object({
  email: emailSchema,
  password: passwordSchema,
  name: z.string().trim().min(1).max(100).optional(),
});
export type RegisterBody = z.infer<typeof registerBodySchema>;

export const loginBodySchema = z.object({
  email: z.string().min(1).max(254),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

export const changePasswordBodySchema = z.object({
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  newPassword: passwordSchema,
});
export type ChangePasswordBody = z.infer<typeof changePasswordBodySchema>;

export const sessionResponseSchema = z.object({ user: userSchema });
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

/** A way to sign in besides the password form: the web app shows a button that goes to `loginUrl`. */
export const authProviderSchema = z.object({
  id: z.string(),
  kind: z.literal("oidc"),
  /** The button's label (OIDC_NAME). */
  name: z.string(),
  loginUrl: z.string(),
});
export type AuthProvider = z.infer<typeof authProviderSchema>;

export const authProvidersResponseSchema = z.object({
  /** Whether the email and password form works (it always does today). */
  password: z.boolean(),
  /**
   * Whether the sign-up form is offered: registration is open (ALLOW_SIGNUP), or closed but open to the emails in
   * ADMIN_EMAILS (the first administrator). When false, administrators add accounts.
   */
  signup: z.boolean(),
  providers: z.array(authProviderSchema),
});
export type AuthProvidersResponse = z.infer<typeof authProvidersResponseSchema>;

/** The query parameter the OIDC callback adds to `/` when a sign-in failed: an error code such as `sign_in_failed`. */
export const SIGN_IN_ERROR_PARAM = "sign_in_error";
/** `PATCH /api/auth/session`: what a user may change about their own account. */
export const updateProfileBodySchema = z.object({ name: z.string().trim().min(1).max(100).nullable() });
export type UpdateProfileBody = z.infer<typeof updateProfileBodySchema>;
