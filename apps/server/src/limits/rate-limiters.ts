import type { Redis } from "ioredis";
import {
  type IRateLimiterStoreOptions,
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from "rate-limiter-flexible";
import { closeConnection } from "../redis/close-connection.ts";
import { connectRedis, redisTls } from "../redis/connect.ts";

const KEY_PREFIX = "slipstream";

/** Counters by kind, each with its own budget of points per duration, for every limit of the server. */
export interface RateLimiters {
  /** The limiter of `kind` with `points` per `durationSeconds`; the same arguments give the same limiter. */
  limiter(kind: string, points: number, durationSeconds: number): RateLimiterAbstract;
  close(): Promise<void>;
}

/**
 * Rate limiters over rate-limiter-flexible: counters in this process, or in Redis so that they hold across the
 * fleet, with a memory limiter as insurance: while Redis is away each instance still limits on its own, instead of
 * not at all. `rejectIfRedisNotReady` sends a call to the insurance at once rather than queueing it for the outage.
 * @example const limiters = await openRateLimiters({ redis: config.redis, onError });
 */
export async function openRateLimiters({
  redis,
  onError = () => {},
}: {
  redis?: { url: string; caFile?: string };
  onError?: (error: unknown) => void;
}): Promise<RateLimiters> {
  let client: Redis | undefined;
  let create = (options: { keyPrefix: string; points: number; duration: number }): RateLimiterAbstract =>
    new RateLimiterMemory(options);
  if (redis) {
    const connected = connectRedis(redis.url, onError, { maxRetriesPerRequest: 1, ...redisTls(redis.caFile) });
    client = connected;
    await connected.ping();
    create = (options) =>
      new RateLimiterRedis({
        ...options,
        storeClient: connected,
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory(options),
      } as IRateLimiterStoreOptions);
  }
  // The counters live in the store under the kind's prefix, whatever the limit: a changed limit keeps its counts.
  const limiters = new Map<string, RateLimiterAbstract>();
  return {
    limiter(kind, points, durationSeconds) {
      const name = `${kind}:${points}:${durationSeconds}`;
      let found = limiters.get(name);
      if (!found) {
        found = create({ keyPrefix: `${KEY_PREFIX}:${kind}`, points, duration: durationSeconds });
        limiters.set(name, found);
      }
      return found;
    },
    async close() {
      if (client) await closeConnection(client);
    },
  };
}

/** The refusal of a limiter over its budget; anything else (a store failure without insurance) is rethrown. */
export function refusal(error: unknown): RateLimiterRes {
  if (error instanceof RateLimiterRes) return error;
  throw error;
}
