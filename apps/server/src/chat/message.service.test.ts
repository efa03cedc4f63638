import { describe, expect, it } from "vitest";
import { createTestDomain } from "../../test/domain.ts";
import { createMemoryStreamLog } from "../streams/memory.ts";

describe("message service", () => {
  it("answers 503 and marks the reply failed when the stream log cannot start a generation", async () => {
    const streams = {
      ...createMemoryStreamLog({ retentionMs: 1_000 }),
      create: async () => {
        throw new Error("Redis is away");
      },
    };
    const domain = await createTestDomain({ streams });
    const principal = await domain.newPrincipal();
    const conversation = await domain.conversations.createConversation({ principal, model: "demo/echo" });

    await expect(
      domain.messages.sendMessage({ principal, conversationId: conversation.id, content: "hello" }),
    ).rejects.toMatchObject({ code: "unavailable", expose: true });
    const saved = await domain.messages.listMessages({ principal, conversationId: conversation.id });
    expect(saved.map((message) => [message.role, message.status])).toEqual([
      ["user", "complete"],
      ["assistant", "error"],
    ]);
    expect(domain.runner.runningCount).toBe(0);
    await domain.close();
  });
});
