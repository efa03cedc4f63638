import { SlipstreamError } from "@slipstream/client";
import { describe, expect, it } from "vitest";
import { describeAuthError } from "./auth-errors.ts";

const apiError = (status: number, code: string, retryAfter?: number) =>
  new SlipstreamError({ status, code, message: `server says ${code}`, retryAfter });

describe("describeAuthError", () => {
  it("names a wrong password and a taken email plainly", () => {
    expect(describeAuthError(apiError(401, "invalid_credentials"))).toBe("Wrong email or password.");
    expect(describeAuthError(apiError(403, "account_disabled"))).toMatch(/disabled/);
    expect(describeAuthError(apiError(409, "email_taken"))).toMatch(/already exists/);
  });

  it("says when to retry after too many attempts", () => {
    expect(describeAuthError(apiError(429, "too_many_requests", 120))).toBe("Too many attempts. Try again in 2 min.");
  });

  it("passes validation messages through and hides other server details", () => {
    expect(describeAuthError(apiError(400, "validation_failed"))).toBe("server says validation_failed");
    expect(describeAuthError(apiError(500, "internal"))).not.toMatch(/internal/);
    expect(describeAuthError(new TypeError("Failed to fetch"))).toMatch(/cannot be reached/);
  });
});
