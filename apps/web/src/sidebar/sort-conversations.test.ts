import type { Conversation } from "@slipstream/protocol";
import { describe, expect, it } from "vitest";
import { filterConversations, sortConversations } from "./sort-conversations.ts";

const conversation = (id: string, title: string, updatedAt: string): Conversation => ({
  id,
  title,
  model: "demo/echo",
  systemPrompt: "",
  params: {},
  tools: [],
  spaceId: null,
  createdAt: updatedAt,
  updatedAt,
});

describe("conversation order and filter", () => {
  const list = [
    conversation("a", "Old trip plans", "2025-01-01T00:00:00Z"),
    conversation("b", "Sorting in Python", "2025-03-01T00:00:00Z"),
    conversation("c", "Python packaging", "2025-02-01T00:00:00Z"),
  ];

  it("puts the most recently active first", () => {
    expect(sortConversations(list).map((c) => c.id)).toEqual(["b", "c", "a"]);
  });

  it("keeps titles containing every word of the query, in any case", () => {
    expect(filterConversations(list, "python").map((c) => c.id)).toEqual(["b", "c"]);
    expect(filterConversations(list, "PYTHON sort").map((c) => c.id)).toEqual(["b"]);
    expect(filterConversations(list, "  ")).toBe(list);
  });
});
