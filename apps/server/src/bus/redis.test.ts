import { afterAll, describe } from "vitest";
import { startRedisServer } from "../../test/redis-server.ts";
import { runBusContract } from "./bus.contract.ts";
import { createRedisBus } from "./redis.ts";

const server = await startRedisServer();

if ("skip" in server) {
  console.warn(`Skipping the Redis bus tests: ${server.skip}`);
  describe.skip(`Bus contract: redis (${server.skip})`, () => {});
} else {
  afterAll(() => server.stop());
  runBusContract({ name: "redis", create: () => createRedisBus({ url: server.url }) });
}
