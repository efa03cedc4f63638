import { describe, expect, it } from "vitest";
import type { MessageRecord } from "../store/index.ts";
import { toModelMessages } from "./model-messages.ts";

const message = (fields: Pick<MessageRecord, "role" | "content" | "parts">): MessageRecord => ({
  id: "m",
  conversationId: "c",
  parentId: null,
  model: null,
  status: "complete",
  error: null,
  streamId: null,
  authorId: null,
  usage: null,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
  ...fields,
});

describe("toModelMessages", () => {
  it("sends a message without tool calls as its text, whatever else its parts hold", async () => {
    const history = [
      message({ role: "user", content: "hi", parts: [{ type: "text", text: "hi" }] }),
      message({
        role: "assistant",
        content: "hello",
        parts: [
          { type: "reasoning", text: "private" },
          { type: "text", text: "hello" },
        ],
      }),
    ];
    expect(await toModelMessages(history)).toEqual([
      { role: "user", content: "hi" },
      { role: "assistant", content: "hello" },
    ]);
  });

  it("sends each step of a message with tool calls: the call, its result, then the text; never reasoning", async () => {
    const reply = message({
      role: "assistant",
      content: "It is 2.",
      parts: [
        { type: "step-start" },
        { type: "reasoning", text: "private" },
        { type: "tool-run_code", toolCallId: "c1", state: "output-available", input: { code: "1+1" }, output: "2" },
        { type: "step-start" },
        { type: "text", text: "It is 2." },
      ],
    });
    expect(await toModelMessages([reply])).toEqual([
      {
        role: "assistant",
        content: [{ type: "tool-call", toolCallId: "c1", toolName: "run_code", input: { code: "1+1" } }],
      },
      {
        role: "tool",
        content: [
          { type: "tool-result", toolCallId: "c1", toolName: "run_code", output: { type: "text", value: "2" } },
        ],
      },
      { role: "assistant", content: [{ type: "text", text: "It is 2." }] },
    ]);
  });

  it("leaves out a call that a cancel cut off before its result", async () => {
    const cancelled = message({
      role: "assistant",
      content: "Let me check",
      parts: [
        { type: "text", text: "Let me check" },
        { type: "tool-wait", toolCallId: "c2", state: "input-available", input: {} },
      ],
    });
    expect(await toModelMessages([cancelled])).toEqual([
      { role: "assistant", content: [{ type: "text", text: "Let me check" }] },
    ]);
  });
});
