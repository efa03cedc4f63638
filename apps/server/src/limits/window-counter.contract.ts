import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { WindowCounter } from "./types.ts";

/** The behaviour every WindowCounter adapter must have. */
export function runWindowCounterContract({ name, create }: { name: string; create: () => Promise<WindowCounter> }) {
  describe(`WindowCounter contract: ${name}`, () => {
    let counter: WindowCounter;
    // Keys are unique per test, so that adapters sharing a server do not see each other's counts.
    let key: string;
    beforeEach(async () => {
      counter = await create();
      key = `test:${crypto.randomUUID()}`;
    });
    afterEach(async () => {
      await counter.close();
    });

    it("counts hits within one window and reports the time left", async () => {
      expect(await counter.peek(key)).toBeUndefined();
      expect((await counter.hit(key, 60_000)).count).toBe(1);
      const second = await counter.hit(key, 60_000);
      expect(second.count).toBe(2);
      expect(second.resetInMs).toBeGreaterThan(55_000);
      expect(second.resetInMs).toBeLessThanOrEqual(60_000);
      expect((await counter.peek(key))?.count).toBe(2);
    });

    it("keeps the first hit's window rather than extending it", async () => {
      await counter.hit(key, 200);
      // Timers may fire a millisecond before the clock says they are due: wait past 120 ms.
      await new Promise((resolve) => setTimeout(resolve, 125));
      const later = await counter.hit(key, 200);
      expect(later.count).toBe(2);
      expect(later.resetInMs).toBeLessThanOrEqual(80);
    });

    it("starts afresh once the window has closed", async () => {
      await counter.hit(key, 50);
      await new Promise((resolve) => setTimeout(resolve, 80));
      expect(await counter.peek(key)).toBeUndefined();
      expect((await counter.hit(key, 60_000)).count).toBe(1);
    });

    it("forgets a cleared key and keeps keys apart", async () => {
      await counter.hit(key, 60_000);
      await counter.hit(`${key}:other`, 60_000);
      await counter.clear(key);
      expect(await counter.peek(key)).toBeUndefined();
      expect((await counter.peek(`${key}:other`))?.count).toBe(1);
    });
  });
}
