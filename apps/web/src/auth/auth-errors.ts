import { SlipstreamError } from "@slipstream/client";

/** A sentence a person can act on, for a failed sign-in or sign-up. */
export function describeAuthError(error: unknown): string {
  if (!(error instanceof SlipstreamError)) return "The server cannot be reached. Check your connection and try again.";
  if (error.code === "invalid_credentials") return "Wrong email or password.";
  if (error.code === "account_disabled") return "This account is disabled. Ask an administrator to enable it.";
  if (error.code === "email_taken") return "An account with this email already exists. Sign in instead.";
  if (error.status === 429) {
    const wait = error.retryAfter ? ` in ${Math.ceil(error.retryAfter / 60)} min` : " later";
    return `Too many attempts. Try again${wait}.`;
  }
  if (error.status === 400) return error.message;
  return "Something went wrong on the server. Try again.";
}
