import { describe, expect, it } from "vitest";
import { partJson } from "./part-json.ts";
import { createSharedPages, type Entry } from "./redis-pages.ts";

const entry = (seq: number, text: string): Entry => [
  `${seq}-0`,
  ["part", JSON.stringify({ type: "text-delta", id: "t", delta: text })],
];

describe("shared pages of a Redis stream log", () => {
  it("answers the followers that ask for the same page at once with one read and the same events", async () => {
    const reads: string[] = [];
    const pages = createSharedPages(async (stream, afterId) => {
      reads.push(`${stream} ${afterId}`);
      return [entry(1, "a"), entry(2, "b")];
    });
    const [first, ...others] = await Promise.all(Array.from({ length: 5 }, () => pages("log", "0-0", 500)));
    expect(reads).toEqual(["log 0-0"]);
    for (const page of others) expect(page).toBe(first);
    expect(first?.events.map((event) => event.seq)).toEqual([1, 2]);
    expect(first).toMatchObject({ lastId: "2-0", ended: false, full: false });
    // The JSON read from Redis is the part's encoding: nothing is stringified again to send it.
    const part = first?.events[0]?.part;
    expect(part && partJson(part)).toBe(entry(1, "a")[1][1]);
  });

  it("reads again once a page has been answered, and separately at another offset", async () => {
    const reads: string[] = [];
    const pages = createSharedPages(async (_stream, afterId) => {
      reads.push(afterId);
      return [];
    });
    await pages("log", "0-0", 500);
    await Promise.all([pages("log", "0-0", 500), pages("log", "3-0", 500)]);
    expect(reads).toEqual(["0-0", "0-0", "3-0"]);
  });

  it("stops at the end marker, and says when a page is full", async () => {
    const ended = createSharedPages(async () => [entry(4, "d"), ["4-1", ["end", "1"]]]);
    expect(await ended("log", "3-0", 500)).toMatchObject({ lastId: "4-0", ended: true });
    const full = createSharedPages(async () => [entry(1, "a"), entry(2, "b")]);
    expect(await full("log", "0-0", 2)).toMatchObject({ full: true, ended: false });
  });

  it("hands a failed read to every follower that shared it, and lets the next one try again", async () => {
    let attempts = 0;
    const pages = createSharedPages(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error("connection lost");
      return [entry(1, "a")];
    });
    const failed = await Promise.allSettled([pages("log", "0-0", 500), pages("log", "0-0", 500)]);
    expect(failed.map((result) => result.status)).toEqual(["rejected", "rejected"]);
    expect((await pages("log", "0-0", 500)).events).toHaveLength(1);
  });
});
