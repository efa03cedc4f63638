import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createSseWriter } from "./sse-writer.ts";

/** A response whose client reads only when told to: `write` refuses once `highWaterMark` bytes wait. */
function pausedClient(highWaterMark: number) {
  const writes: string[] = [];
  const pending: (() => void)[] = [];
  const out = new Writable({
    highWaterMark,
    decodeStrings: false,
    write(chunk: string, _encoding, callback) {
      writes.push(chunk);
      pending.push(callback);
    },
  });
  return {
    out,
    writes,
    /** The client reads everything written so far. */
    read() {
      for (const callback of pending.splice(0)) callback();
    },
  };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe("SSE writer", () => {
  it("sends the frames of one tick in one write, in order", async () => {
    const client = pausedClient(1 << 20);
    const writer = createSseWriter(client.out, new AbortController().signal);
    await Promise.all(["a\n\n", "b\n\n", "c\n\n"].map((frame) => writer.write(frame)));
    expect(client.writes).toEqual([]);
    await nextTurn();
    expect(client.writes).toEqual(["a\n\nb\n\nc\n\n"]);
    writer.end("data: [DONE]\n\n");
    client.read();
    expect(client.writes).toEqual(["a\n\nb\n\nc\n\n", "data: [DONE]\n\n"]);
  });

  it("holds the writer while a paused client's buffer is full, and goes on once it drains", async () => {
    const client = pausedClient(64);
    const writer = createSseWriter(client.out, new AbortController().signal);
    const frame = `data: ${"x".repeat(100)}\n\n`;
    await writer.write(frame);
    // The batch goes out at the next turn and is refused (over the high-water mark): the next frame waits.
    await nextTurn();
    let resumed = false;
    const held = writer.write(frame).then(() => {
      resumed = true;
    });
    await nextTurn();
    await nextTurn();
    expect(resumed).toBe(false);
    // The client reads what was sent (the queued frame goes out behind it), then that too: the buffer drains.
    client.read();
    await nextTurn();
    expect(resumed).toBe(false);
    client.read();
    await held;
    expect(client.writes).toEqual([frame, frame]);
  });

  it("does not miss a drain that comes before the next frame", async () => {
    const client = pausedClient(64);
    const writer = createSseWriter(client.out, new AbortController().signal);
    const frame = `data: ${"x".repeat(100)}\n\n`;
    await writer.write(frame);
    await nextTurn();
    // Refused, then drained before the reader has its next event: the next frame must go out, not wait forever.
    client.read();
    await nextTurn();
    await writer.write(frame);
    await nextTurn();
    expect(client.writes).toEqual([frame, frame]);
  });

  it("writes a backlog in bounded batches rather than all at once", async () => {
    const client = pausedClient(16 * 1024);
    const writer = createSseWriter(client.out, new AbortController().signal);
    const frame = `data: ${"y".repeat(1000)}\n\n`;
    let queued = 0;
    const backlog = (async () => {
      for (let index = 0; index < 1000; index += 1) {
        await writer.write(frame);
        queued += 1;
      }
    })();
    await nextTurn();
    await nextTurn();
    // A client that does not read stops the writer within a few batches, far short of the 1 MB backlog.
    expect(queued).toBeLessThan(100);
    expect(client.writes.join("").length).toBeLessThan(64 * 1024);
    for (let turn = 0; turn < 1000 && queued < 1000; turn += 1) {
      client.read();
      await nextTurn();
    }
    await backlog;
    writer.end();
    client.read();
    expect(client.writes.join("")).toBe(frame.repeat(1000));
  });

  it("stops waiting when the client leaves", async () => {
    const client = pausedClient(64);
    const closed = new AbortController();
    const writer = createSseWriter(client.out, closed.signal);
    await writer.write(`data: ${"x".repeat(100)}\n\n`);
    await nextTurn();
    const held = writer.write("data: more\n\n");
    closed.abort();
    await expect(held).resolves.toBeUndefined();
  });
});
