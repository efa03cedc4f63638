import { readFileSync } from "node:fs";
import { Redis, type RedisOptions } from "ioredis";

/** While Redis is away, try again at least this often, so that service resumes soon after it returns. */
const RECONNECT_CAP_MS = 1_000;

/**
 * TLS options for a `rediss://` server whose certificate chains to the CA in `caFile` (REDIS_CA_FILE); the host name
 * is checked as usual. Without a file, `rediss://` uses the system's CAs.
 */
export function redisTls(caFile: string | undefined): RedisOptions {
  return caFile ? { tls: { ca: readFileSync(caFile) } } : {};
}

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
