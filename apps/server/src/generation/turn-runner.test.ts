import { describe, expect, it } from "vitest";
import { createTestDomain } from "../../test/domain.ts";
import type { StreamLog } from "../streams/index.ts";
import { createMemoryStreamLog } from "../streams/memory.ts";
import { LOG_GAP_NOTICE } from "./turn-runner.ts";

/** A stream log whose `failing`th append fails, as during a short Redis outage, and later ones work again. */
function failingOnce(failing: number, log: StreamLog): StreamLog {
  let appended = 0;
  return {
    ...log,
    append: async (input) => {
      appended += 1;
      if (appended === failing) throw new Error("stream log is down");
      return log.append(input);
    },
  };
}

describe("turn runner", () => {
  it("saves the whole reply when the stream log fails mid-answer, and tells followers their stream has a gap", async () => {
    const streams = failingOnce(4, createMemoryStreamLog({ retentionMs: 60_000 }));
    const domain = await createTestDomain({ streams });
    const principal = await domain.newPrincipal();
    const conversation = await domain.conversations.createConversation({ principal, model: "demo/echo" });
    const { reply, streamId } = await domain.messages.sendMessage({
      principal,
      conversationId: conversation.id,
      content: "hello",
    });
    await domain.runner.shutdown({ graceMs: 5_000 });
    const saved = await domain.store.messages.findMessageById({ id: reply.id });
    expect(saved).toMatchObject({ status: "complete", error: null });
    expect(saved?.content).toMatch(/You said: hello$/);
    expect(saved?.parts).toEqual([{ type: "step-start" }, { type: "text", text: saved?.content, state: "done" }]);
    const logged = [];
    for await (const event of streams.read({ streamId, after: 0 })) logged.push(event.part);
    expect(logged.at(-1)).toEqual({ type: "error", errorText: LOG_GAP_NOTICE });
    await domain.close();
  });
});
