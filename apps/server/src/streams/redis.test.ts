import type { StreamEvent } from "@slipstream/protocol";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it, vi } from "vitest";
import { startRedisServer } from "../../test/redis-server.ts";
import { createRedisStreamLog } from "./redis.ts";
import { runStreamLogContract } from "./stream-log.contract.ts";

async function collect(iterable: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of iterable) events.push(event);
  return events;
}

const delta = (text: string) => ({ type: "text-delta", id: "t", delta: text }) as const;

const server = await startRedisServer();

if ("skip" in server) {
  console.warn(`Skipping the Redis stream log tests: ${server.skip}`);
  describe.skip(`StreamLog: redis (${server.skip})`, () => {});
} else {
  const { url } = server;
  afterAll(() => server.stop());

  runStreamLogContract({ name: "redis", create: () => createRedisStreamLog({ url, retentionMs: 60_000 }) });

  describe("redis stream log across instances", () => {
    it("lets one instance read exactly what another appends", async () => {
      const [writer, reader] = await Promise.all([
        createRedisStreamLog({ url, retentionMs: 60_000 }),
        createRedisStreamLog({ url, retentionMs: 60_000 }),
      ]);
      try {
        await writer.create({ streamId: "shared" });
        await writer.append({ streamId: "shared", part: delta("a") });
        expect(await reader.state({ streamId: "shared" })).toBe("live");
        const reading = reader.read({ streamId: "shared", after: 0 })[Symbol.asyncIterator]();
        // Once the first event is in, the reader follows the live tail: the rest reaches it from the other instance.
        expect(await reading.next()).toEqual({ done: false, value: { seq: 1, part: delta("a") } });
        const rest = collect({ [Symbol.asyncIterator]: () => reading });
        await writer.append({ streamId: "shared", part: delta("b") });
        await writer.append({ streamId: "shared", part: { type: "finish" } });
        await writer.end({ streamId: "shared" });
        expect(await rest).toEqual([
          { seq: 2, part: delta("b") },
          { seq: 3, part: { type: "finish" } },
        ]);
        expect(await reader.state({ streamId: "shared" })).toBe("ended");
        await expect(reader.append({ streamId: "shared", part: delta("late") })).rejects.toThrow(/ended/);
        await expect(reader.append({ streamId: "nowhere", part: delta("x") })).rejects.toThrow(/does not exist/);
      } finally {
        await Promise.all([writer.close(), reader.close()]);
      }
    });

    it("assigns distinct, gapless sequence numbers to concurrent appends from two instances", async () => {
      const [first, second] = await Promise.all([
        createRedisStreamLog({ url, retentionMs: 60_000 }),
        createRedisStreamLog({ url, retentionMs: 60_000 }),
      ]);
      try {
        await first.create({ streamId: "racing" });
        const seqs = await Promise.all(
          Array.from({ length: 40 }, (_, index) =>
            (index % 2 ? first : second).append({ streamId: "racing", part: delta(String(index)) }),
          ),
        );
        expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, index) => index + 1));
        await second.end({ streamId: "racing" });
        const events = await collect(first.read({ streamId: "racing", after: 0 }));
        expect(events.map((event) => event.seq)).toEqual(Array.from({ length: 40 }, (_, index) => index + 1));
      } finally {
        await Promise.all([first.close(), second.close()]);
      }
    });

    it("follows a hundred live logs over a fixed number of connections, delivering each exactly", async () => {
      const [writer, reader] = await Promise.all([
        createRedisStreamLog({ url, retentionMs: 60_000 }),
        createRedisStreamLog({ url, retentionMs: 60_000 }),
      ]);
      const admin = new Redis(url);
      const connections = async () => Number(/connected_clients:(\d+)/.exec(await admin.info("clients"))?.[1]);
      try {
        const ids = Array.from({ length: 100 }, (_, index) => `many-${index}`);
        for (const streamId of ids) await writer.create({ streamId });
        const before = await connections();
        const readings = ids.map((streamId) => collect(reader.read({ streamId, after: 0 })));
        // Every reader is following once Redis holds a subscription for each of the hundred logs.
        await vi.waitFor(
          async () => expect(await admin.pubsub("CHANNELS", "slipstream:stream:{many-*}:appended")).toHaveLength(100),
          { timeout: 10_000, interval: 20 },
        );
        // A blocking read per follower would open a hundred; the notifications need one.
        expect((await connections()) - before).toBeLessThanOrEqual(1);
        for (const streamId of ids) {
          await writer.append({ streamId, part: delta(streamId) });
          await writer.end({ streamId });
        }
        const results = await Promise.all(readings);
        expect(results).toEqual(ids.map((streamId) => [{ seq: 1, part: delta(streamId) }]));
      } finally {
        admin.disconnect();
        await Promise.all([writer.close(), reader.close()]);
      }
    });

    it("keeps an ended log for the retention window, then forgets it", async () => {
      const [kept, brief] = await Promise.all([
        createRedisStreamLog({ url, retentionMs: 60_000 }),
        createRedisStreamLog({ url, retentionMs: 50 }),
      ]);
      const admin = new Redis(url);
      try {
        await kept.create({ streamId: "kept" });
        await kept.append({ streamId: "kept", part: delta("a") });
        await kept.end({ streamId: "kept" });
        expect(await kept.state({ streamId: "kept" })).toBe("ended");
        // Redis keeps time itself, so the window is read from the keys' expiry rather than waited out.
        const keys = await admin.keys("slipstream:stream:{kept}*");
        expect(keys).toHaveLength(2);
        for (const key of keys) {
          const ttl = await admin.pttl(key);
          expect(ttl, key).toBeGreaterThan(0);
          expect(ttl, key).toBeLessThanOrEqual(60_000);
        }

        await brief.create({ streamId: "brief" });
        await brief.append({ streamId: "brief", part: delta("a") });
        await brief.end({ streamId: "brief" });
        await vi.waitFor(async () => expect(await brief.state({ streamId: "brief" })).toBeUndefined(), {
          timeout: 10_000,
          interval: 20,
        });
        expect(await collect(brief.read({ streamId: "brief", after: 0 }))).toEqual([]);
      } finally {
        admin.disconnect();
        await Promise.all([kept.close(), brief.close()]);
      }
    });
  });
}
