import type { Redis } from "ioredis";
import { closeConnection } from "../redis/close-connection.ts";
import { connectRedis, redisTls } from "../redis/connect.ts";
import type { WindowCounter } from "./types.ts";

const PREFIX = "slipstream:limit:";

// The first hit sets the expiry, in the same script, so a window can never be left without one.
const HIT = `
local count = redis.call("INCR", KEYS[1])
if count == 1 then redis.call("PEXPIRE", KEYS[1], ARGV[1]) end
return {count, redis.call("PTTL", KEYS[1])}`;

type Scripts = { slipstreamHit(key: string, windowMs: number): Promise<[number, number]> };

/** The scale-out counter: every instance counts in the same Redis keys, which expire with their window. */
export async function createRedisWindowCounter({
  url,
  caFile,
  onError = (error) => process.emitWarning(error instanceof Error ? error : String(error)),
}: {
  url: string;
  caFile?: string;
  /** Receives connection errors that ioredis reports outside a command. */
  onError?: (error: unknown) => void;
}): Promise<WindowCounter> {
  // A sign-in must not wait for Redis to come back: a command fails after one reconnect attempt.
  const redis = connectRedis(url, onError, { maxRetriesPerRequest: 1, ...redisTls(caFile) }) as Redis & Scripts;
  redis.defineCommand("slipstreamHit", { numberOfKeys: 1, lua: HIT });
  await redis.ping();

  return {
    async hit(key, windowMs) {
      const [count, resetInMs] = await redis.slipstreamHit(PREFIX + key, Math.max(1, Math.ceil(windowMs)));
      return { count, resetInMs };
    },
    async peek(key) {
      const [count, resetInMs] = await Promise.all([redis.get(PREFIX + key), redis.pttl(PREFIX + key)]);
      return count !== null && resetInMs > 0 ? { count: Number(count), resetInMs } : undefined;
    },
    async clear(key) {
      await redis.del(PREFIX + key);
    },
    async close() {
      await closeConnection(redis);
    },
  };
}
