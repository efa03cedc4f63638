import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Database } from "./database.ts";
import type { Store } from "./index.ts";
import { createKyselyStore } from "./kysely-store.ts";
import { migrateToLatest } from "./migrations/index.ts";

/**
 * Opens a connection pool to `url` and applies pending migrations; safe to run from several
 * processes at once. `onPoolError` receives errors of idle pooled connections (say, a server
 * restart); without it such an error is thrown as an unhandled `error` event.
 */
export async function openPostgresStore({
  url,
  onPoolError,
}: {
  url: string;
  onPoolError?: (error: Error) => void;
}): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url });
  if (onPoolError !== undefined) pool.on("error", onPoolError);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateToLatest({ db });
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return createKyselyStore({ kind: "postgres", db });
}
