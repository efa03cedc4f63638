import { afterAll, describe, expect, it } from "vitest";
import { startRedisServer } from "../../test/redis-server.ts";
import { runBusContract } from "./bus.contract.ts";
import { eventAt } from "./event-stream.contract.ts";
import { createRedisBus } from "./redis.ts";

const server = await startRedisServer();

if ("skip" in server) {
  console.warn(`Skipping the Redis bus tests: ${server.skip}`);
  describe.skip(`Bus contract: redis (${server.skip})`, () => {});
} else {
  afterAll(() => server.stop());
  runBusContract({ name: "redis", create: () => createRedisBus({ url: server.url }) });

  describe("Redis bus across instances", () => {
    it("hands every instance every conversation event once, whichever instance published it", async () => {
      const [a, b] = await Promise.all([createRedisBus({ url: server.url }), createRedisBus({ url: server.url })]);
      const onA: number[] = [];
      const onB: number[] = [];
      a.subscribe("conversation.event", ({ version }) => onA.push(version));
      b.subscribe("conversation.event", ({ version }) => onB.push(version));
      await a.publish("conversation.event", eventAt(1));
      await b.publish("conversation.event", eventAt(2));
      await expect
        .poll(() => [onA, onB])
        .toEqual([
          [1, 2],
          [1, 2],
        ]);
      await Promise.all([a.close(), b.close()]);
    });
  });
}
