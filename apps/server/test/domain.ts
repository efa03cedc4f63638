import pino from "pino";
import { v7 as uuidv7 } from "uuid";
import { createAccessPolicy } from "../src/access/access.ts";
import type { Bus } from "../src/bus/index.ts";
import { createMemoryBus } from "../src/bus/memory.ts";
import { createConversationService } from "../src/chat/conversation.service.ts";
import { createMessageService } from "../src/chat/message.service.ts";
import { createOutbox } from "../src/events/outbox.ts";
import { createEventRelay } from "../src/events/relay.ts";
import { createTurnRunner } from "../src/generation/turn-runner.ts";
import type { Principal } from "../src/identity/principal.ts";
import { createMetrics } from "../src/metrics/index.ts";
import { createModelRegistry } from "../src/providers/registry.ts";
import type { Store } from "../src/store/index.ts";
import { openSqliteStore } from "../src/store/sqlite.ts";
import type { StreamLog } from "../src/streams/index.ts";
import { createMemoryStreamLog } from "../src/streams/memory.ts";

/**
 * The chat domain wired over an in-memory SQLite store, the memory bus and stream log, and the demo model, as
 * app.ts wires it, for service tests that swap one port for a failing one.
 */
export async function createTestDomain({
  store: givenStore,
  streams = createMemoryStreamLog({ retentionMs: 60_000 }),
  bus = createMemoryBus(),
  orphanAfterMs = 5_000,
}: {
  store?: Store;
  streams?: StreamLog;
  bus?: Bus;
  /** Outbox rows unpublished for this long are swept up (0: at once). */
  orphanAfterMs?: number;
} = {}) {
  const store = givenStore ?? (await openSqliteStore({ path: ":memory:" }));
  const logger = pino({ level: "silent" });
  const metrics = createMetrics({ connectionCount: () => 0, runningCount: () => 0 });
  const models = createModelRegistry({ config: { idleTimeoutMs: 5_000 }, demoModel: { chunkDelayMs: 1 } });
  const relay = createEventRelay({ store, bus, logger, metrics, sweepIntervalMs: 60_000, orphanAfterMs });
  const outbox = createOutbox({ store, relay });
  const access = createAccessPolicy({ store });
  const runner = createTurnRunner({
    store,
    outbox,
    streams,
    bus,
    models,
    idleTimeoutMs: 5_000,
    checkpointIntervalMs: 1_000,
    leaseMs: 15_000,
    metrics,
    logger,
  });
  const conversations = createConversationService({ store, models, access, outbox });
  const messages = createMessageService({ store, streams, models, access, outbox, runner });

  return {
    store,
    bus,
    streams,
    metrics,
    relay,
    outbox,
    access,
    runner,
    conversations,
    messages,
    /** A new account with the `user` role (even the first one), and its principal as a session would resolve it. */
    async newPrincipal(): Promise<Principal> {
      const user = await store.users.createUser({
        id: uuidv7(),
        email: `user-${uuidv7()}@example.test`,
        name: null,
        passwordHash: "x",
        role: "user",
        disabledAt: null,
        createdAt: new Date().toISOString(),
      });
      if (user.role !== "user") await store.users.updateUser({ id: user.id, patch: { role: "user" } });
      return { userId: user.id, role: "user", via: "session", sessionId: uuidv7() };
    },
    async close() {
      await runner.shutdown({ graceMs: 5_000 });
      await relay.stop();
      await store.close();
    },
  };
}
