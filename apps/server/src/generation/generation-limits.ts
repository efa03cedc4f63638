import type { UserLimits } from "@slipstream/protocol";
import { effectiveLimits, type UserLimiter } from "../limits/user-limits.ts";
import type { Store } from "../store/index.ts";

/**
 * Admits a user's generation (a chat send, a `/v1` completion) only within their limits: requests per minute, tokens
 * of the day, and concurrent generations, all counted across the fleet. Refusals are immediate, never a queue.
 */
export function createGenerationLimits({
  store,
  limiter,
  defaults,
}: {
  store: Pick<Store, "userLimits">;
  limiter: UserLimiter;
  defaults: UserLimits;
}) {
  async function limitsFor({ userId }: { userId: string }): Promise<UserLimits> {
    return effectiveLimits(defaults, await store.userLimits.findLimitOverrides({ userId }));
  }

  return {
    defaults,
    limitsFor,
    /** Throws `rate_limited` or `quota_exceeded` (with `retryAfterSeconds`); else holds a generation slot until released. */
    async admit({ userId }: { userId: string }): Promise<() => Promise<void>> {
      const limits = await limitsFor({ userId });
      await limiter.takeRequest({ userId, limits });
      await limiter.checkTokens({ userId, limits });
      return limiter.acquireGeneration({ userId, limits });
    },
  };
}
export type GenerationLimits = ReturnType<typeof createGenerationLimits>;
