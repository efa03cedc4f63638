import { afterAll, describe } from "vitest";
import { startRedisServer } from "../../test/redis-server.ts";
import { openRateLimiters } from "./rate-limiters.ts";
import { runUserLimiterContract } from "./user-limits.contract.ts";

const server = await startRedisServer();

if ("skip" in server) {
  console.warn(`Skipping the Redis user limiter tests: ${server.skip}`);
  describe.skip(`UserLimiter: redis (${server.skip})`, () => {});
} else {
  afterAll(() => server.stop());
  runUserLimiterContract({ name: "redis", create: () => openRateLimiters({ redis: { url: server.url } }) });
}
