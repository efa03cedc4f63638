import { Redis } from "ioredis";
import { v7 as uuidv7 } from "uuid";
import { afterAll, describe, expect, it } from "vitest";
import { startRedisServer } from "../../test/redis-server.ts";
import { eventAt, recordVersions, runEventStreamContract } from "./event-stream.contract.ts";
import { createRedisEventStream } from "./event-stream.redis.ts";

const server = await startRedisServer();

if ("skip" in server) {
  console.warn(`Skipping the Redis event stream tests: ${server.skip}`);
  describe.skip(`ConversationEventStream contract: redis (${server.skip})`, () => {});
} else {
  afterAll(() => server.stop());
  const open = (options: { key?: string; heartbeatMs?: number; goneAfterMs?: number } = {}) =>
    createRedisEventStream({ url: server.url, onError: () => undefined, key: `test:${uuidv7()}`, ...options });

  runEventStreamContract({
    name: "redis",
    create: (onError) => createRedisEventStream({ url: server.url, onError, key: `test:${uuidv7()}` }),
  });

  describe("Redis event stream", () => {
    it("keeps delivering after Redis restarts empty, including what was appended before the group was back", async () => {
      const stream = await open();
      const consumer = await recordVersions(stream, "instance");
      await stream.append(eventAt(1));
      await expect.poll(() => consumer.versions).toEqual([1]);
      await server.kill();
      await server.start();
      await stream.append(eventAt(2));
      await stream.append(eventAt(3));
      await expect.poll(() => consumer.versions, { timeout: 10_000 }).toEqual([1, 2, 3]);
      await consumer.stop();
      await stream.close();
    });

    it("keeps delivering after its connections are cut, without repeating what it acknowledged", async () => {
      const stream = await open();
      const consumer = await recordVersions(stream, "instance");
      await stream.append(eventAt(1));
      await expect.poll(() => consumer.versions).toEqual([1]);
      const admin = new Redis(server.url);
      await admin.call("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes");
      await stream.append(eventAt(2));
      await expect.poll(() => consumer.versions, { timeout: 10_000 }).toEqual([1, 2]);
      admin.disconnect();
      await consumer.stop();
      await stream.close();
    });

    it("keeps the stream's length bounded", async () => {
      const key = `test:${uuidv7()}`;
      const stream = await open({ key });
      for (let version = 1; version <= 12_000; version += 1) void stream.append(eventAt(version));
      await stream.append(eventAt(12_001));
      const redis = new Redis(server.url);
      const length = await redis.xlen(key);
      expect(length).toBeLessThan(12_001);
      expect(length).toBeGreaterThanOrEqual(10_000);
      redis.disconnect();
      await stream.close();
    });

    it("destroys the consumer groups of instances gone for longer than goneAfterMs, and keeps the live ones", async () => {
      const key = `test:${uuidv7()}`;
      const redis = new Redis(server.url);
      const groups = async () =>
        ((await redis.xinfo("GROUPS", key)) as string[][]).map((fields) => fields[fields.indexOf("name") + 1]).sort();
      const gone = await open({ key });
      const stopGone = (await recordVersions(gone, "gone")).stop;
      await stopGone();
      await gone.close();
      expect(await groups()).toEqual(["gone"]);

      const live = await open({ key, heartbeatMs: 20, goneAfterMs: 200 });
      const stopLive = (await recordVersions(live, "live")).stop;
      await expect.poll(groups, { timeout: 5_000 }).toEqual(["live"]);
      await stopLive();
      await live.close();
      redis.disconnect();
    });
  });
}
