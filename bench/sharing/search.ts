import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { v7 as uuidv7 } from "uuid";
import type { Store } from "../../apps/server/src/store/index.ts";
import { quantiles } from "./quantiles.ts";

const WORDS =
  "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu fibonacci sequence planning offsite budget".split(
    " ",
  );
const word = (seed: number) => WORDS[seed % WORDS.length] as string;

/** Fills a store with `messages` messages (10 users, 100 conversations each), then times searches by one user. */
export async function measureSearch({
  open,
  messages,
  queries,
}: {
  open: () => Promise<Store>;
  messages: number;
  queries: number;
}) {
  const store = await open();
  const now = new Date().toISOString();
  const users = [];
  for (let index = 0; index < 10; index += 1) {
    users.push(
      await store.users.createUser({
        id: uuidv7(),
        email: `bench-${uuidv7()}@example.test`,
        name: null,
        passwordHash: "x",
        role: "user",
        disabledAt: null,
        createdAt: now,
      }),
    );
  }
  const conversations: string[] = [];
  for (const user of users) {
    for (let index = 0; index < 100; index += 1) {
      const conversation = await store.conversations.createConversation({
        id: uuidv7(),
        userId: user.id,
        title: `${word(index)} ${word(index * 7)} notes`,
        model: "demo/echo",
        version: 0,
        createdAt: now,
        updatedAt: now,
      });
      conversations.push(conversation.id);
    }
  }
  const fillStarted = performance.now();
  const BATCH = 2_000;
  for (let start = 0; start < messages; start += BATCH) {
    await store.transaction(async (tx) => {
      for (let index = start; index < Math.min(messages, start + BATCH); index += 1) {
        const content = Array.from({ length: 40 }, (_, offset) =>
          word(index * 31 + offset * 17 + ((offset * offset) % 13)),
        ).join(" ");
        await tx.messages.createMessage({
          id: uuidv7(),
          conversationId: conversations[index % conversations.length] as string,
          parentId: null,
          role: index % 2 ? "assistant" : "user",
          content,
          parts: [{ type: "text", text: content }],
          model: null,
          status: "complete",
          error: null,
          streamId: null,
          createdAt: now,
          updatedAt: now,
        });
      }
    });
  }
  const fillMs = performance.now() - fillStarted;
  const timings: number[] = [];
  let hits = 0;
  for (let index = 0; index < queries; index += 1) {
    const query =
      index % 3 === 0 ? `${word(index)} ${word(index + 5)}` : index % 3 === 1 ? "fibonacci" : word(index).slice(0, -1);
    const started = performance.now();
    hits += (
      await store.search.search({ userId: (users[index % users.length] as { id: string }).id, query, limit: 20 })
    ).length;
    timings.push(performance.now() - started);
  }
  await store.close();
  return { messages, fillMs: Math.round(fillMs), hitsPerQuery: Math.round(hits / queries), ...quantiles(timings) };
}

export async function sqliteStore() {
  const dir = await mkdtemp(join(tmpdir(), "slipstream-bench-search-"));
  const { openSqliteStore } = await import("../../apps/server/src/store/sqlite.ts");
  return {
    open: () => openSqliteStore({ path: join(dir, "bench.db") }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
