import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RateLimiters } from "./rate-limiters.ts";
import { createUserLimiter, type UserLimiter } from "./user-limits.ts";

const limits = (
  overrides: Partial<{ concurrentGenerations: number; requestsPerMinute: number; tokensPerDay: number | null }> = {},
) => ({
  concurrentGenerations: 3,
  requestsPerMinute: 5,
  tokensPerDay: 100,
  ...overrides,
});

/** The behaviour the UserLimiter must have over every rate-limiter store. `create` may be called twice: both share their counters. */
export function runUserLimiterContract({ name, create }: { name: string; create: () => Promise<RateLimiters> }) {
  describe(`UserLimiter contract: ${name}`, () => {
    let limiters: RateLimiters;
    let limiter: UserLimiter;
    // Users are fresh per test, so that adapters sharing a server do not see each other's counts.
    let userId: string;
    beforeEach(async () => {
      limiters = await create();
      limiter = createUserLimiter({ limiters });
      userId = `user-${randomUUID()}`;
    });
    afterEach(async () => {
      await limiters.close();
    });

    it("allows requestsPerMinute requests, then refuses with rate_limited and the seconds left in the minute", async () => {
      for (let request = 0; request < 5; request += 1) await limiter.takeRequest({ userId, limits: limits() });
      const refusal = await limiter.takeRequest({ userId, limits: limits() }).catch((error: unknown) => error);
      expect(refusal).toMatchObject({ code: "rate_limited" });
      const seconds = (refusal as { retryAfterSeconds: number }).retryAfterSeconds;
      expect(seconds).toBeGreaterThanOrEqual(1);
      expect(seconds).toBeLessThanOrEqual(60);
      await limiter.takeRequest({ userId: `${userId}-other`, limits: limits() });
      await expect(limiter.takeRequest({ userId, limits: limits({ requestsPerMinute: 0 }) })).rejects.toMatchObject({
        code: "rate_limited",
      });
    });

    it("grants exactly concurrentGenerations slots to parallel takers, and a released slot again", async () => {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, () => limiter.acquireGeneration({ userId, limits: limits() })),
      );
      const granted = outcomes.filter((outcome) => outcome.status === "fulfilled");
      expect(granted).toHaveLength(3);
      for (const outcome of outcomes.filter((outcome) => outcome.status === "rejected")) {
        expect(outcome.reason).toMatchObject({ code: "rate_limited", retryAfterSeconds: 1 });
      }
      const [release] = granted.map((outcome) => outcome.value);
      await release?.();
      await release?.();
      const again = await limiter.acquireGeneration({ userId, limits: limits() });
      await expect(limiter.acquireGeneration({ userId, limits: limits() })).rejects.toMatchObject({
        code: "rate_limited",
      });
      await again();
    });

    it("refuses with quota_exceeded, until the next UTC day, once today's tokens reach tokensPerDay", async () => {
      await limiter.checkTokens({ userId, limits: limits() });
      await limiter.addTokens({ userId, tokens: 60 });
      await limiter.checkTokens({ userId, limits: limits() });
      await limiter.addTokens({ userId, tokens: 40 });
      const refusal = await limiter.checkTokens({ userId, limits: limits() }).catch((error: unknown) => error);
      expect(refusal).toMatchObject({ code: "quota_exceeded" });
      const seconds = (refusal as { retryAfterSeconds: number }).retryAfterSeconds;
      expect(seconds).toBeGreaterThanOrEqual(1);
      expect(seconds).toBeLessThanOrEqual(24 * 60 * 60);
      await limiter.checkTokens({ userId, limits: limits({ tokensPerDay: null }) });
      await limiter.checkTokens({ userId, limits: limits({ tokensPerDay: 101 }) });
    });

    it("shares its counters with another limiter over the same store", async () => {
      const otherLimiters = await create();
      const other = createUserLimiter({ limiters: otherLimiters });
      try {
        const releases = await Promise.all([
          limiter.acquireGeneration({ userId, limits: limits({ concurrentGenerations: 2 }) }),
          other.acquireGeneration({ userId, limits: limits({ concurrentGenerations: 2 }) }),
        ]);
        await expect(
          other.acquireGeneration({ userId, limits: limits({ concurrentGenerations: 2 }) }),
        ).rejects.toMatchObject({
          code: "rate_limited",
        });
        await Promise.all(releases.map((release) => release()));
      } finally {
        await otherLimiters.close();
      }
    });
  });
}
