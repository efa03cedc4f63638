import { describe, expect, it } from "vitest";
import { openRateLimiters } from "./rate-limiters.ts";
import { runUserLimiterContract } from "./user-limits.contract.ts";
import { createUserLimiter, effectiveLimits } from "./user-limits.ts";

// Memory limiters are separate per process: "another limiter over the same store" is the same one here.
const shared = await openRateLimiters({});
runUserLimiterContract({ name: "memory", create: async () => ({ ...shared, close: async () => {} }) });

describe("effectiveLimits", () => {
  const defaults = { concurrentGenerations: 4, requestsPerMinute: 60, tokensPerDay: null };
  it("takes each override, and the default for the others", () => {
    expect(effectiveLimits(defaults, {})).toEqual(defaults);
    expect(
      effectiveLimits(defaults, { requestsPerMinute: 5, tokensPerDay: 1000, concurrentGenerations: null }),
    ).toEqual({
      concurrentGenerations: 4,
      requestsPerMinute: 5,
      tokensPerDay: 1000,
    });
  });
});

describe("daily tokens", () => {
  it("start again on the next UTC day", async () => {
    let now = new Date("2031-03-04T23:59:00.000Z");
    const limiter = createUserLimiter({ limiters: await openRateLimiters({}), now: () => now });
    const limits = { concurrentGenerations: 1, requestsPerMinute: 1, tokensPerDay: 10 };
    await limiter.addTokens({ userId: "u", tokens: 10 });
    await expect(limiter.checkTokens({ userId: "u", limits })).rejects.toMatchObject({ retryAfterSeconds: 60 });
    now = new Date("2031-03-05T00:00:01.000Z");
    await limiter.checkTokens({ userId: "u", limits });
  });
});
