import pino from "pino";
import { v7 as uuidv7 } from "uuid";
import { describe, expect, it } from "vitest";
import { createMemoryBus } from "../bus/memory.ts";
import { createMetrics } from "../metrics/index.ts";
import { createModelRegistry } from "../providers/registry.ts";
import { openSqliteStore } from "../store/sqlite.ts";
import { createMemoryStreamLog } from "../streams/memory.ts";
import { createConversationService } from "./conversation.service.ts";
import { createMessageService } from "./message.service.ts";
import { createTurnRunner } from "./turn-runner.ts";

describe("message service", () => {
  it("answers 503 and marks the reply failed when the stream log cannot start a generation", async () => {
    const store = await openSqliteStore({ path: ":memory:" });
    const bus = createMemoryBus();
    const models = createModelRegistry({ config: { idleTimeoutMs: 5_000 }, demoModel: { chunkDelayMs: 1 } });
    const streams = {
      ...createMemoryStreamLog({ retentionMs: 1_000 }),
      create: async () => {
        throw new Error("Redis is away");
      },
    };
    const runner = createTurnRunner({
      store,
      streams,
      bus,
      models,
      idleTimeoutMs: 5_000,
      checkpointIntervalMs: 1_000,
      leaseMs: 15_000,
      metrics: createMetrics({ connectionCount: () => 0, runningCount: () => 0 }),
      logger: pino({ level: "silent" }),
    });
    const conversations = createConversationService({ store, models, bus });
    const messages = createMessageService({ store, streams, bus, models, conversations, runner });
    const user = await store.users.createUser({
      id: uuidv7(),
      email: "a@b.test",
      name: null,
      passwordHash: "x",
      createdAt: new Date().toISOString(),
    });
    const conversation = await conversations.createConversation({ userId: user.id, model: "demo/echo" });

    await expect(
      messages.sendMessage({ userId: user.id, conversationId: conversation.id, content: "hello" }),
    ).rejects.toMatchObject({ status: 503, code: "unavailable", expose: true });
    const saved = await messages.listMessages({ userId: user.id, conversationId: conversation.id });
    expect(saved.map((message) => [message.role, message.status])).toEqual([
      ["user", "complete"],
      ["assistant", "error"],
    ]);
    expect(runner.runningCount).toBe(0);
    await store.close();
  });
});
