import { afterAll, describe, expect, it } from "vitest";
import { startRedisServer } from "../../test/redis-server.ts";
import { createRedisWindowCounter } from "./redis.ts";
import { runWindowCounterContract } from "./window-counter.contract.ts";

const server = await startRedisServer();

if ("skip" in server) {
  console.warn(`Skipping the Redis window counter tests: ${server.skip}`);
  describe.skip(`WindowCounter: redis (${server.skip})`, () => {});
} else {
  const { url } = server;
  afterAll(() => server.stop());

  runWindowCounterContract({ name: "redis", create: () => createRedisWindowCounter({ url }) });

  describe("redis window counter across instances", () => {
    it("adds up the hits of every instance in one window", async () => {
      const [first, second] = await Promise.all([createRedisWindowCounter({ url }), createRedisWindowCounter({ url })]);
      try {
        await first.hit("shared", 60_000);
        await second.hit("shared", 60_000);
        expect((await first.peek("shared"))?.count).toBe(2);
      } finally {
        await Promise.all([first.close(), second.close()]);
      }
    });
  });
}
