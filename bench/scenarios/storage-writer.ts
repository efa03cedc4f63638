import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { v7 as uuidv7 } from "uuid";
import type { Config } from "../../apps/server/src/config.ts";
import { type NewMessage, openStore, type Store } from "../../apps/server/src/store/index.ts";

/**
 * Run as its own process by the storage scenario: inserts assistant-sized messages through Slipstream's message
 * repository (not the HTTP API) for a while, one at a time and then `CONCURRENCY` in flight, and prints the rates
 * as JSON. The database is SQLite in a temporary directory, or the Postgres database of DATABASE_URL.
 */
const CONCURRENCY = 16;
const durationMs = Number(process.env.DURATION_MS ?? 1000);

async function withStore<T>(work: (store: Store) => Promise<T>): Promise<T> {
  const directory = process.env.DATABASE_URL ? undefined : await mkdtemp(join(tmpdir(), "slipstream-bench-store-"));
  const db: Config["db"] = directory
    ? { kind: "sqlite", path: join(directory, "bench.db") }
    : { kind: "postgres", url: process.env.DATABASE_URL ?? "" };
  const store = await openStore(db);
  try {
    return await work(store);
  } finally {
    await store.close();
    if (directory) await rm(directory, { recursive: true, force: true });
  }
}

async function writeFor(store: Store, conversationId: string, inFlight: number) {
  const content = "x".repeat(1024);
  let written = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < deadline) {
        const now = new Date().toISOString();
        const message: NewMessage = {
          id: uuidv7(),
          conversationId,
          parentId: null,
          role: "assistant",
          content,
          parts: [{ type: "text", text: content }],
          model: "local/bench",
          status: "complete",
          error: null,
          streamId: uuidv7(),
          createdAt: now,
          updatedAt: now,
        };
        await store.messages.createMessage(message);
        written += 1;
      }
    }),
  );
  return (written * 1000) / (performance.now() - started);
}

const result = await withStore(async (store) => {
  const now = new Date().toISOString();
  const user = await store.users.createUser({
    id: uuidv7(),
    email: "storage@bench.test",
    name: null,
    passwordHash: "not-a-real-hash",
    role: "user",
    disabledAt: null,
    createdAt: now,
  });
  const conversation = await store.conversations.createConversation({
    id: uuidv7(),
    userId: user.id,
    title: "storage",
    model: "local/bench",
    tools: [],
    version: 0,
    createdAt: now,
    updatedAt: now,
  });
  return {
    store: store.kind,
    sequentialPerSecond: await writeFor(store, conversation.id, 1),
    concurrentPerSecond: await writeFor(store, conversation.id, CONCURRENCY),
    concurrency: CONCURRENCY,
  };
});
process.stdout.write(JSON.stringify(result));
