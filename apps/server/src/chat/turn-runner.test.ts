import pino from "pino";
import { v7 as uuidv7 } from "uuid";
import { describe, expect, it } from "vitest";
import { createMemoryBus } from "../bus/memory.ts";
import type { ProvidersConfig } from "../config.ts";
import { createMetrics } from "../metrics/index.ts";
import { createModelRegistry } from "../providers/registry.ts";
import { openSqliteStore } from "../store/sqlite.ts";
import type { StreamLog } from "../streams/index.ts";
import { createMemoryStreamLog } from "../streams/memory.ts";
import { createTurnRunner, LOG_GAP_NOTICE } from "./turn-runner.ts";

const PROVIDERS: ProvidersConfig = { idleTimeoutMs: 5_000 };

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
    const store = await openSqliteStore({ path: ":memory:" });
    const streams = failingOnce(4, createMemoryStreamLog({ retentionMs: 1_000 }));
    const now = new Date().toISOString();
    const user = await store.users.createUser({
      id: uuidv7(),
      email: "a@b.test",
      name: null,
      passwordHash: "x",
      createdAt: now,
    });
    const conversation = await store.conversations.createConversation({
      id: uuidv7(),
      userId: user.id,
      title: "t",
      model: "demo/echo",
      createdAt: now,
      updatedAt: now,
    });
    const base = { conversationId: conversation.id, error: null, createdAt: now, updatedAt: now };
    const question = await store.messages.createMessage({
      ...base,
      id: uuidv7(),
      parentId: null,
      role: "user",
      content: "hello",
      model: null,
      status: "complete",
      streamId: null,
    });
    const streamId = uuidv7();
    const reply = await store.messages.createMessage({
      ...base,
      id: uuidv7(),
      parentId: question.id,
      role: "assistant",
      content: "",
      model: "demo/echo",
      status: "streaming",
      streamId,
    });
    await streams.create({ streamId });
    const runner = createTurnRunner({
      store,
      streams,
      bus: createMemoryBus(),
      models: createModelRegistry({ config: PROVIDERS, demoModel: { chunkDelayMs: 1 } }),
      idleTimeoutMs: 5_000,
      checkpointIntervalMs: 1_000,
      leaseMs: 15_000,
      metrics: createMetrics({ connectionCount: () => 0, runningCount: () => 0 }),
      logger: pino({ level: "silent" }),
    });
    runner.start({ userId: user.id, reply: { ...reply, streamId, model: "demo/echo" }, history: [question] });
    await runner.shutdown({ graceMs: 5_000 });
    const saved = await store.messages.findMessageById({ id: reply.id });
    expect(saved).toMatchObject({ status: "complete", error: null });
    expect(saved?.content).toMatch(/You said: hello$/);
    const logged = [];
    for await (const event of streams.read({ streamId, after: 0 })) logged.push(event.part);
    expect(logged).toHaveLength(4);
    expect(logged.at(-1)).toEqual({ type: "error", errorText: LOG_GAP_NOTICE });
    await store.close();
  });
});
