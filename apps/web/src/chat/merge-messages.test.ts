import type { Message } from "@slipstream/protocol";
import { describe, expect, it } from "vitest";
import { mergeMessages, withoutMessages } from "./merge-messages.ts";

const reply = (status: Message["status"], content: string): Message => ({
  id: "r1",
  conversationId: "c",
  parentId: "u1",
  role: "assistant",
  content,
  parts: content ? [{ type: "text", text: content }] : [],
  model: "demo/echo",
  status,
  error: null,
  streamId: "s1",
  authorId: null,
  usage: null,
  attachments: [],
  createdAt: "2025-01-01T00:00:00Z",
  updatedAt: "2025-01-01T00:00:00Z",
});

describe("mergeMessages", () => {
  it("replaces a streaming reply by its final state", () => {
    const merged = mergeMessages(new Map([["r1", reply("streaming", "par")]]), [reply("complete", "partial text")]);
    expect(merged.get("r1")).toMatchObject({ status: "complete", content: "partial text" });
  });

  it("keeps the final state when a stale streaming copy arrives after it", () => {
    const merged = mergeMessages(new Map([["r1", reply("complete", "all")]]), [reply("streaming", "a")]);
    expect(merged.get("r1")).toMatchObject({ status: "complete", content: "all" });
  });
});

describe("withoutMessages", () => {
  it("takes a deleted branch's ids out, and keeps the same map when none of them is here", () => {
    const current = new Map([["r1", reply("complete", "kept?")]]);
    expect(withoutMessages(current, ["r1", "r2"]).has("r1")).toBe(false);
    expect(withoutMessages(current, ["elsewhere"])).toBe(current);
  });
});
