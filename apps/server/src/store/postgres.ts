import { CamelCasePlugin, Kysely, PostgresDialect, type PostgresPool } from "kysely";
import pg from "pg";
import type { Database } from "./database.ts";
import { createKyselyStore } from "./kysely-store.ts";
import { migrateToLatest } from "./migrations/index.ts";
import type { Store } from "./types.ts";

/** Postgres text cannot hold U+0000; it is stored as U+FFFD (the replacement character) instead of failing the write. */
const NUL = "\u0000";
const REPLACEMENT = "\uFFFD";

/**
 * Opens a connection pool to `url` and applies pending migrations; safe to run from several processes at once.
 * `onConnectionError` receives errors of pooled connections, idle or in use (a server restart, a terminated
 * backend); by default they become process warnings. They never crash the process: the query that was running
 * fails, and the pool opens new connections once the server is back.
 */
export async function openPostgresStore({
  url,
  onConnectionError,
  migrateUpTo,
}: {
  url: string;
  onConnectionError?: (error: Error) => void;
  /** Stops at this migration, to test an upgrade from an older schema. */
  migrateUpTo?: string;
}): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url });
  const report = onConnectionError ?? ((error: Error) => process.emitWarning(error));
  // The pool listens for errors of idle connections only; a connection checked out by a running query
  // emits its own 'error' event, which without a listener would end the process.
  pool.on("error", report);
  pool.on("connect", (client) => client.on("error", report));
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: withTextParametersFit(pool) }),
    plugins: [new CamelCasePlugin()],
  });
  try {
    await migrateToLatest({ db, upTo: migrateUpTo });
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return createKyselyStore({ kind: "postgres", db });
}

/** The pool as Kysely drives it, with every string parameter made storable in a text column. */
function withTextParametersFit(pool: pg.Pool): PostgresPool {
  const fit = (value: unknown) =>
    typeof value === "string" && value.includes(NUL) ? value.replaceAll(NUL, REPLACEMENT) : value;
  return {
    Client: pg.Client,
    options: pool.options,
    async connect() {
      const client = await pool.connect();
      return {
        get processID() {
          return (client as pg.PoolClient & { processID?: number }).processID;
        },
        query: (sql: string, parameters: ReadonlyArray<unknown>) => client.query(sql, parameters.map(fit)),
        release: (destroy?: boolean) => client.release(destroy),
      } as unknown as Awaited<ReturnType<PostgresPool["connect"]>>;
    },
    end: () => pool.end(),
  };
}
