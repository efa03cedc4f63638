import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { createTestPostgresDatabase } from "../../apps/server/test/postgres-database.ts";
import { loadAverage } from "../machine.ts";
import type { StandaloneContext } from "./context.ts";

export type StorageResult = {
  store: "sqlite" | "postgres";
  /** Messages inserted per second through the messages repository, one at a time and `concurrency` in flight. */
  sequentialPerSecond: number;
  concurrentPerSecond: number;
  concurrency: number;
  loadAverage: number[];
};

const WRITER = new URL("./storage-writer.ts", import.meta.url).pathname;
const run = promisify(execFile);

async function writeMessages(durationMs: number, databaseUrl?: string): Promise<StorageResult> {
  const load = loadAverage();
  const env = {
    ...process.env,
    DURATION_MS: String(durationMs),
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
  const { stdout } = await run(process.execPath, [WRITER], { env });
  return { ...(JSON.parse(stdout) as Omit<StorageResult, "loadAverage">), loadAverage: load };
}

/** Message writes per second on embedded SQLite and on Postgres, each in a process of its own. */
export async function measureStorage({ sizes, log }: StandaloneContext): Promise<StorageResult[]> {
  const results = [await writeMessages(sizes.storageMs)];
  const database = await createTestPostgresDatabase();
  if (!("skip" in database)) {
    try {
      results.push(await writeMessages(sizes.storageMs, database.url));
    } finally {
      await database.drop();
    }
  }
  for (const result of results) {
    log(
      `storage ${result.store}: ${Math.round(result.sequentialPerSecond)} msg/s sequential, ` +
        `${Math.round(result.concurrentPerSecond)} msg/s with ${result.concurrency} in flight`,
    );
  }
  return results;
}
