import { Redis, type RedisOptions } from "ioredis";

/** While Redis is away, try again at least this often, so that service resumes soon after it returns. */
const RECONNECT_CAP_MS = 1_000;

/** A Redis connection as every adapter opens it: quick reconnects with jitter, and errors reported, not thrown. */
export function connectRedis(url: string, onError: (error: unknown) => void, options: RedisOptions = {}): Redis {
  const redis = new Redis(url, {
    // Jitter spreads the reconnects of a whole fleet after an outage.
    retryStrategy: (attempt) => Math.min(2 ** (attempt - 1) * 50, RECONNECT_CAP_MS) + Math.floor(Math.random() * 100),
    ...options,
  });
  redis.on("error", onError);
  return redis;
}
