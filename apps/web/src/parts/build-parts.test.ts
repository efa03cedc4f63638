import type { StreamPart } from "@slipstream/protocol";
import { describe, expect, it } from "vitest";
import { applyChunk, EMPTY_PARTS } from "./build-parts.ts";

const build = (chunks: StreamPart[]) => chunks.reduce(applyChunk, EMPTY_PARTS).parts;

describe("building parts from stream chunks", () => {
  it("builds reasoning, then text, each from its deltas, in the order they started", () => {
    const parts = build([
      { type: "start" },
      { type: "start-step" },
      { type: "reasoning-start", id: "r" },
      { type: "reasoning-delta", id: "r", delta: "Let me " },
      { type: "reasoning-delta", id: "r", delta: "think." },
      { type: "reasoning-end", id: "r" },
      { type: "text-start", id: "t" },
      { type: "text-delta", id: "t", delta: "Hello" },
      { type: "text-delta", id: "t", delta: " world" },
      { type: "finish-step" },
      { type: "finish" },
    ]);
    expect(parts).toEqual([
      { type: "step-start" },
      { type: "reasoning", text: "Let me think.", state: "done" },
      { type: "text", text: "Hello world", state: "streaming" },
    ]);
  });

  it("follows a tool call from its first input delta to its output, in one part", () => {
    const start = { type: "tool-input-start", toolCallId: "c1", toolName: "weather" };
    const streaming = build([start, { type: "tool-input-delta", toolCallId: "c1", inputTextDelta: '{"city":' }]);
    expect(streaming).toEqual([{ type: "tool-weather", toolCallId: "c1", state: "input-streaming", input: undefined }]);
    const parts = build([
      start,
      { type: "tool-input-delta", toolCallId: "c1", inputTextDelta: '{"city":' },
      { type: "tool-input-delta", toolCallId: "c1", inputTextDelta: '"Lisbon"}' },
      { type: "tool-input-available", toolCallId: "c1", toolName: "weather", input: { city: "Lisbon" } },
      { type: "tool-output-available", toolCallId: "c1", output: { celsius: 21 } },
    ]);
    expect(parts).toEqual([
      {
        type: "tool-weather",
        toolCallId: "c1",
        state: "output-available",
        input: { city: "Lisbon" },
        output: { celsius: 21 },
      },
    ]);
  });

  it("shows the streamed input once it parses, before the tool input is announced whole", () => {
    const parts = build([
      { type: "tool-input-start", toolCallId: "c1", toolName: "search" },
      { type: "tool-input-delta", toolCallId: "c1", inputTextDelta: '{"q":"rust"}' },
    ]);
    expect(parts[0]).toMatchObject({ state: "input-streaming", input: { q: "rust" } });
  });

  it("keeps a tool error, and names a dynamic tool in the part", () => {
    const parts = build([
      { type: "tool-input-available", toolCallId: "c2", toolName: "fetch_page", input: { url: "x" }, dynamic: true },
      { type: "tool-output-error", toolCallId: "c2", errorText: "timed out" },
    ]);
    expect(parts).toEqual([
      {
        type: "dynamic-tool",
        toolName: "fetch_page",
        toolCallId: "c2",
        state: "output-error",
        input: { url: "x" },
        errorText: "timed out",
      },
    ]);
  });

  it("adds files, sources and data parts, and ignores chunks it does not know", () => {
    const parts = build([
      { type: "file", url: "/api/files/f1", mediaType: "image/png" },
      { type: "source-url", sourceId: "s1", url: "https://example.test", title: "Example" },
      { type: "data-progress", id: "p", data: { done: 1 } },
      { type: "data-progress", id: "p", data: { done: 2 } },
      { type: "data-note", data: "gone", transient: true },
      { type: "message-metadata", messageMetadata: {} },
      { type: "something-new" },
      { type: "error", errorText: "rate limited" },
    ]);
    expect(parts).toEqual([
      { type: "file", url: "/api/files/f1", mediaType: "image/png" },
      { type: "source-url", sourceId: "s1", url: "https://example.test", title: "Example" },
      { type: "data-progress", id: "p", data: { done: 2 } },
    ]);
  });

  it("copies only the part a chunk changes, so the others keep their identity", () => {
    const before = [
      { type: "reasoning-start", id: "r" },
      { type: "reasoning-delta", id: "r", delta: "Hmm." },
      { type: "reasoning-end", id: "r" },
      { type: "text-start", id: "t" },
      { type: "text-delta", id: "t", delta: "A" },
    ].reduce(applyChunk, EMPTY_PARTS);
    const after = applyChunk(before, { type: "text-delta", id: "t", delta: "B" });
    expect(after.parts[0]).toBe(before.parts[0]);
    expect(after.parts[1]).toEqual({ type: "text", text: "AB", state: "streaming" });
    expect(before.parts[1]).toEqual({ type: "text", text: "A", state: "streaming" });
  });

  it("shows a delta whose start it never saw as a part of its own", () => {
    expect(build([{ type: "text-delta", id: "t", delta: "late" }])).toEqual([
      { type: "text", text: "late", state: "streaming" },
    ]);
  });
});
