import type { StreamPart } from "@slipstream/protocol";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { coalesceDeltas } from "./delta-coalescer.ts";

const text = (delta: string, id = "t1"): StreamPart => ({ type: "text-delta", id, delta });
const reasoning = (delta: string, id = "r1"): StreamPart => ({ type: "reasoning-delta", id, delta });

function logged(windowMs = 10) {
  const parts: StreamPart[] = [];
  const coalescer = coalesceDeltas({ windowMs, write: async (part) => void parts.push(part) });
  return { parts, ...coalescer };
}

describe("delta coalescing", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("writes the first delta of a part at once and merges the next ones until the window closes", async () => {
    const log = logged(10);
    await log.append({ type: "text-start", id: "t1" });
    await log.append(text("Hel"));
    expect(log.parts).toEqual([{ type: "text-start", id: "t1" }, text("Hel")]);
    await log.append(text("lo"));
    await log.append(text(", "));
    await vi.advanceTimersByTimeAsync(9);
    expect(log.parts).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(log.parts).toEqual([{ type: "text-start", id: "t1" }, text("Hel"), text("lo, ")]);
    await log.append(text("world"));
    await vi.advanceTimersByTimeAsync(10);
    expect(log.parts.at(-1)).toEqual(text("world"));
  });

  it("writes a held delta before any other part, so the order and the text never change", async () => {
    const log = logged(10);
    const sent: StreamPart[] = [
      { type: "start", messageId: "m1" },
      { type: "reasoning-start", id: "r1" },
      reasoning("Think"),
      reasoning("ing"),
      reasoning("…"),
      { type: "reasoning-end", id: "r1" },
      { type: "text-start", id: "t1" },
      text("A"),
      text("B"),
      text("C", "t2"),
      text("D"),
      { type: "text-end", id: "t1" },
      { type: "tool-input-start", toolCallId: "c1", toolName: "search" },
      { type: "finish" },
    ];
    for (const part of sent) await log.append(part);
    expect(log.parts).toEqual([
      { type: "start", messageId: "m1" },
      { type: "reasoning-start", id: "r1" },
      reasoning("Think"),
      reasoning("ing…"),
      { type: "reasoning-end", id: "r1" },
      { type: "text-start", id: "t1" },
      text("A"),
      text("B"),
      text("C", "t2"),
      text("D"),
      { type: "text-end", id: "t1" },
      { type: "tool-input-start", toolCallId: "c1", toolName: "search" },
      { type: "finish" },
    ]);
  });

  it("writes what is held on an abort, an error, or a flush at the end, and nothing after", async () => {
    for (const last of [{ type: "abort" }, { type: "error", errorText: "The provider failed." }, undefined]) {
      const log = logged(50);
      await log.append(text("a"));
      await log.append(text("b"));
      await log.append(text("c"));
      if (last) await log.append(last);
      else await log.flush();
      expect(log.parts).toEqual([text("a"), text("bc"), ...(last ? [last] : [])]);
      await vi.advanceTimersByTimeAsync(100);
      expect(log.parts).toHaveLength(last ? 3 : 2);
    }
  });

  it("never merges a delta that carries provider metadata", async () => {
    const log = logged(10);
    const signed = { ...reasoning("sig"), providerMetadata: { anthropic: { signature: "s" } } };
    await log.append(reasoning("a"));
    await log.append(reasoning("b"));
    await log.append(signed);
    await log.append(reasoning("c"));
    await log.flush();
    expect(log.parts).toEqual([reasoning("a"), reasoning("b"), signed, reasoning("c")]);
  });

  it("keeps the order when a closing window's write is still running as the next part comes", async () => {
    const parts: StreamPart[] = [];
    let finishSlowWrite = () => {};
    const log = coalesceDeltas({
      windowMs: 10,
      write: async (part) => {
        if (part.type === "text-delta" && part.delta === "bc") await new Promise<void>((r) => (finishSlowWrite = r));
        parts.push(part);
      },
    });
    await log.append(text("a"));
    await log.append(text("b"));
    await log.append(text("c"));
    await vi.advanceTimersByTimeAsync(10);
    const next = log.append({ type: "text-end", id: "t1" });
    await vi.advanceTimersByTimeAsync(0);
    expect(parts).toEqual([text("a")]);
    finishSlowWrite();
    await next;
    expect(parts).toEqual([text("a"), text("bc"), { type: "text-end", id: "t1" }]);
  });

  it("loses and reorders nothing over a long reply with other parts between its deltas", async () => {
    const log = logged(5);
    const words = Array.from({ length: 500 }, (_, i) => `w${i} `);
    for (const [i, word] of words.entries()) {
      await log.append(text(word));
      if (i % 7 === 0) await vi.advanceTimersByTimeAsync(i % 3);
      if (i % 50 === 0) await log.append({ type: "data-progress", data: i });
    }
    await log.flush();
    const deltas = log.parts.filter((part) => part.type === "text-delta");
    expect(deltas.map((part) => part.delta).join("")).toBe(words.join(""));
    expect(deltas.length).toBeLessThan(words.length / 2);
    expect(log.parts.filter((part) => part.type === "data-progress").map((part) => part.data)).toEqual(
      words.flatMap((_, i) => (i % 50 === 0 ? [i] : [])),
    );
  });
});
