import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Database } from "./database.ts";
import type { Store } from "./index.ts";
import { createKyselyStore } from "./kysely-store.ts";
import { migrateToLatest } from "./migrations/index.ts";

/**
 * Opens a connection pool to `url` and applies pending migrations; safe to run from several
 * processes at once. `onPoolError` receives errors of idle pooled connections (say, a server
 * restart); by default they become process warnings.
 */
export async function openPostgresStore({
  url,
  onPoolError,
}: {
  url: string;
  onPoolError?: (error: Error) => void;
}): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url });
  // An idle connection's error (a server restart, a terminated backend) must never crash the process.
  pool.on("error", onPoolError ?? ((error) => process.emitWarning(error)));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateToLatest({ db });
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return createKyselyStore({ kind: "postgres", db });
}
