import { afterAll, describe, expect, it } from "vitest";
import { startRedisServer } from "../../test/redis-server.ts";
import { eventually } from "../../test/support.ts";
import { openRateLimiters } from "../limits/rate-limiters.ts";
import { createSignInThrottle } from "./sign-in-throttle.ts";

const server = await startRedisServer();
const guess = { account: "owner@example.test", address: "203.0.113.9" };

if ("skip" in server) {
  console.warn(`Skipping the sign-in throttle's Redis tests: ${server.skip}`);
  describe.skip(`sign-in throttle over Redis (${server.skip})`, () => {});
} else {
  afterAll(() => server.stop());
  describe("sign-in throttle over Redis", () => {
    it("shares its counts between instances, and keeps limiting on each instance while Redis is down", async () => {
      const open = async () => {
        const limiters = await openRateLimiters({ redis: { url: server.url } });
        return {
          limiters,
          throttle: createSignInThrottle({ limiters, maxFailures: 2, windowSeconds: 60, registrationsPerHour: 5 }),
        };
      };
      const [a, b] = await Promise.all([open(), open()]);
      try {
        await a.throttle.recordFailure("login", guess);
        await b.throttle.recordFailure("login", guess);
        await expect(a.throttle.check("login", guess)).rejects.toMatchObject({ code: "rate_limited" });

        await server.kill();
        const other = { ...guess, account: "other@example.test" };
        await eventually(() => a.throttle.check("login", other));
        await a.throttle.recordFailure("login", other);
        await a.throttle.recordFailure("login", other);
        await expect(a.throttle.check("login", other)).rejects.toMatchObject({ code: "rate_limited" });
      } finally {
        await server.start();
        await a.limiters.close();
        await b.limiters.close();
      }
    });
  });
}
