import type { UserLimitOverrides, UserLimits } from "@slipstream/protocol";
import { DomainError } from "../errors.ts";
import { type RateLimiters, refusal } from "./rate-limiters.ts";

/** A generation slot not released within this long is freed anyway: its instance died holding it. */
const SLOT_TTL_SECONDS = 60 * 60;
const MINUTE_SECONDS = 60;
/** Daily token counters are kept a little past their day, so a late write still finds its counter. */
const TOKEN_COUNTER_TTL_SECONDS = 2 * 24 * 60 * 60;
const KIND_PREFIX = "user-limit";
/** Points of the counters read or added to without a limit of their own (the limit is the user's, checked here). */
const UNBOUNDED = Number.MAX_SAFE_INTEGER;

/** The limits in force: each override, else the server's default. */
export function effectiveLimits(defaults: UserLimits, overrides: UserLimitOverrides): UserLimits {
  return {
    concurrentGenerations: overrides.concurrentGenerations ?? defaults.concurrentGenerations,
    requestsPerMinute: overrides.requestsPerMinute ?? defaults.requestsPerMinute,
    tokensPerDay:
      overrides.tokensPerDay === undefined || overrides.tokensPerDay === null
        ? defaults.tokensPerDay
        : overrides.tokensPerDay,
  };
}

const utcDay = (now: Date) => now.toISOString().slice(0, 10);
const secondsToNextUtcDay = (now: Date) => {
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return Math.max(1, Math.ceil((next - now.getTime()) / 1000));
};
const retryAfter = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export interface UserLimiter {
  /** Counts one request against `requestsPerMinute`; throws `rate_limited` with `retryAfterSeconds` over it. */
  takeRequest(input: { userId: string; limits: UserLimits }): Promise<void>;
  /** Throws `quota_exceeded` once today's (UTC) tokens reach `tokensPerDay`. */
  checkTokens(input: { userId: string; limits: UserLimits }): Promise<void>;
  /** Adds a generation's tokens to today's count. */
  addTokens(input: { userId: string; tokens: number }): Promise<void>;
  /**
   * Takes one of the user's `concurrentGenerations` slots, counted across the fleet, or throws `rate_limited` at once
   * (never waits). The returned release gives it back; calling it twice gives back one slot.
   */
  acquireGeneration(input: { userId: string; limits: UserLimits }): Promise<() => Promise<void>>;
}

/**
 * Per-user limits over the server's rate limiters (see `rate-limiters.ts`), so that they hold across the fleet.
 * @example const limiter = createUserLimiter({ limiters });
 */
export function createUserLimiter({
  limiters,
  now = () => new Date(),
}: {
  limiters: RateLimiters;
  now?: () => Date;
}): UserLimiter {
  const limiter = (kind: string, points: number, duration: number) =>
    limiters.limiter(`${KIND_PREFIX}:${kind}`, points, duration);
  const rejected = refusal;

  return {
    async takeRequest({ userId, limits }) {
      const limit = limits.requestsPerMinute;
      const refuse = (seconds: number) =>
        new DomainError("rate_limited", `Over your limit of ${limit} requests per minute. Try again in ${seconds} s.`, {
          retryAfterSeconds: seconds,
        });
      if (limit === 0) throw refuse(MINUTE_SECONDS);
      try {
        await limiter("rpm", limit, MINUTE_SECONDS).consume(userId);
      } catch (error) {
        throw refuse(retryAfter(rejected(error).msBeforeNext));
      }
    },

    async checkTokens({ userId, limits }) {
      const limit = limits.tokensPerDay;
      if (limit === null) return;
      const at = now();
      const used = (await limiter("tokens", UNBOUNDED, TOKEN_COUNTER_TTL_SECONDS).get(`${userId}:${utcDay(at)}`))
        ?.consumedPoints;
      if ((used ?? 0) >= limit) {
        const seconds = secondsToNextUtcDay(at);
        throw new DomainError(
          "quota_exceeded",
          `You have used your ${limit} tokens of today. They renew at 00:00 UTC.`,
          {
            retryAfterSeconds: seconds,
          },
        );
      }
    },

    async addTokens({ userId, tokens }) {
      if (tokens <= 0) return;
      await limiter("tokens", UNBOUNDED, TOKEN_COUNTER_TTL_SECONDS).penalty(`${userId}:${utcDay(now())}`, tokens);
    },

    async acquireGeneration({ userId, limits }) {
      const limit = limits.concurrentGenerations;
      const refuse = () =>
        new DomainError(
          "rate_limited",
          `You already have ${limit} replies generating, your limit. Wait for one to finish.`,
          { retryAfterSeconds: 1 },
        );
      if (limit === 0) throw refuse();
      const slots = limiter("generations", limit, SLOT_TTL_SECONDS);
      try {
        await slots.consume(userId);
      } catch (error) {
        rejected(error);
        // A refused consume still counted: take it back, or refusals would hold slots that nothing runs in.
        await slots.reward(userId, 1);
        throw refuse();
      }
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        await slots.reward(userId, 1);
      };
    },
  };
}
