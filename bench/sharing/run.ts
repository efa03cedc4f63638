import { createTestPostgresDatabase } from "../../apps/server/test/postgres-database.ts";
import { removeDir, startServer } from "../../apps/server/test/support.ts";
import { measureFanout, measureReplay } from "./realtime.ts";
import { measureSearch, sqliteStore } from "./search.ts";

/**
 * `npm run bench:sharing [-- --messages=100000] [-- --only=search]`: fan-out of a message to N watching members, replay time of a
 * reconnecting watcher, and full-text search latency over many messages (SQLite FTS5, and Postgres when it answers).
 * Prints one JSON object; numbers are milliseconds.
 */
const messages = Number(process.argv.find((arg) => arg.startsWith("--messages="))?.split("=")[1] ?? 100_000);
const results: Record<string, unknown> = {};

const only = process.argv.find((arg) => arg.startsWith("--only="))?.split("=")[1];
if (only !== "search") {
  const server = await startServer({ USER_MAX_CONCURRENT_GENERATIONS: "100", USER_REQUESTS_PER_MINUTE: "10000" });
  try {
    results.fanout = [];
    for (const members of [1, 10, 50]) {
      (results.fanout as unknown[]).push(await measureFanout({ server, members, rounds: 10 }));
    }
    results.replay = await measureReplay({ server, events: 1_000 });
  } finally {
    await server.stop();
    await removeDir(server.dataDir);
  }
}

const sqlite = await sqliteStore();
try {
  results.searchSqlite = await measureSearch({ open: sqlite.open, messages, queries: 60 });
} finally {
  await sqlite.cleanup();
}

const database = await createTestPostgresDatabase();
if ("skip" in database) results.searchPostgres = { skipped: database.skip };
else {
  const { openPostgresStore } = await import("../../apps/server/src/store/postgres.ts");
  try {
    results.searchPostgres = await measureSearch({
      open: () => openPostgresStore({ url: database.url }),
      messages,
      queries: 60,
    });
  } finally {
    await database.drop();
  }
}
console.log(JSON.stringify(results, null, 2));
