import type { StreamEvent } from "@slipstream/protocol";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { StreamLog } from "./types.ts";

async function collect(iterable: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of iterable) events.push(event);
  return events;
}

const delta = (text: string) => ({ type: "text-delta", id: "t", delta: text });

/** The behaviour every StreamLog adapter must have. */
export function runStreamLogContract({ name, create }: { name: string; create: () => Promise<StreamLog> }) {
  describe(`StreamLog contract: ${name}`, () => {
    let log: StreamLog;
    beforeEach(async () => {
      log = await create();
    });
    afterEach(async () => {
      await log.close();
    });

    it("numbers events from 1 in append order", async () => {
      await log.create({ streamId: "s1" });
      expect(await log.append({ streamId: "s1", part: delta("a") })).toBe(1);
      expect(await log.append({ streamId: "s1", part: delta("b") })).toBe(2);
      await log.end({ streamId: "s1" });
      expect(await collect(log.read({ streamId: "s1", after: 0 }))).toEqual([
        { seq: 1, part: delta("a") },
        { seq: 2, part: delta("b") },
      ]);
    });

    it("replays from an offset, then follows the live tail until the end", async () => {
      await log.create({ streamId: "s2" });
      await log.append({ streamId: "s2", part: delta("a") });
      await log.append({ streamId: "s2", part: delta("b") });
      const reading = collect(log.read({ streamId: "s2", after: 1 }));
      await log.append({ streamId: "s2", part: delta("c") });
      await log.append({ streamId: "s2", part: { type: "finish" } });
      await log.end({ streamId: "s2" });
      expect((await reading).map((event) => event.seq)).toEqual([2, 3, 4]);
    });

    it("reports the state of a log", async () => {
      expect(await log.state({ streamId: "nope" })).toBeUndefined();
      await log.create({ streamId: "s3" });
      expect(await log.state({ streamId: "s3" })).toBe("live");
      await log.end({ streamId: "s3" });
      expect(await log.state({ streamId: "s3" })).toBe("ended");
    });

    it("yields nothing for an unknown stream and refuses appends after the end", async () => {
      expect(await collect(log.read({ streamId: "missing", after: 0 }))).toEqual([]);
      await log.create({ streamId: "s4" });
      await log.end({ streamId: "s4" });
      await expect(log.append({ streamId: "s4", part: delta("late") })).rejects.toThrow(/ended/);
    });

    it("stops a live reader when its signal aborts", async () => {
      await log.create({ streamId: "s5" });
      await log.append({ streamId: "s5", part: delta("a") });
      const controller = new AbortController();
      const reader = log.read({ streamId: "s5", after: 0, signal: controller.signal })[Symbol.asyncIterator]();
      expect(await reader.next()).toEqual({ done: false, value: { seq: 1, part: delta("a") } });
      // The log is live with nothing more in it, so this read waits for the tail; only the abort can end it.
      const waiting = reader.next();
      controller.abort();
      expect(await waiting).toEqual({ done: true, value: undefined });
    });

    it("keeps many concurrent readers in step with exactly the same events", async () => {
      await log.create({ streamId: "s6" });
      const readers = Array.from({ length: 5 }, (_, index) => collect(log.read({ streamId: "s6", after: index })));
      for (let index = 0; index < 50; index += 1) await log.append({ streamId: "s6", part: delta(String(index)) });
      await log.end({ streamId: "s6" });
      const results = await Promise.all(readers);
      results.forEach((events, index) => {
        expect(events.map((event) => event.seq)).toEqual(Array.from({ length: 50 - index }, (_, i) => i + index + 1));
      });
    });
  });
}
