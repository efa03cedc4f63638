import { CamelCasePlugin, Kysely, PostgresDialect, type PostgresPool } from "kysely";
import pg from "pg";
import { DEFAULT_DATABASE_POOL } from "../config.ts";
import type { Database } from "./database.ts";
import { createKyselyStore } from "./kysely-store.ts";
import { migrateToLatest } from "./migrations/index.ts";
import type { Store } from "./types.ts";
import { databaseUnavailable, isStoreUnavailable } from "./unavailable.ts";

/** Postgres text cannot hold U+0000; it is stored as U+FFFD (the replacement character) instead of failing the write. */
const NUL = "\u0000";
const REPLACEMENT = "\uFFFD";

/** Socket failures of a server that went away or cannot be reached. */
const NETWORK_ERROR_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);
/** SQLSTATEs of a server that is shutting down, starting up or out of connections; class 08 is any connection failure. */
const UNAVAILABLE_SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);

/** Whether `error` says the server is away, rather than that the query was wrong. */
function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") {
    if (NETWORK_ERROR_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || code.startsWith("08")) return true;
  }
  // pg reports a socket closed under a query, a broken client and a connect timeout without a code.
  return /connection terminated|not queryable|timeout exceeded when trying to connect/i.test(error.message);
}

/** Connection failures become DomainError `unavailable` here, the one place, so that every caller sees a 503. */
async function orUnavailable<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw isConnectionError(error) ? databaseUnavailable(error) : error;
  }
}

/**
 * Opens a connection pool to `url` and applies pending migrations; safe to run from several processes at once.
 * `onConnectionError` receives errors of pooled connections, idle or in use (a server restart, a terminated
 * backend); by default they become process warnings. They never crash the process: the query that was running
 * fails, and the pool opens new connections once the server is back.
 */
export async function openPostgresStore({
  url,
  pool: { size, timeoutMs } = DEFAULT_DATABASE_POOL,
  onConnectionError,
  migrateUpTo,
}: {
  url: string;
  /**
   * Connections at most, and how long a query waits for one (all busy, or the server not answering a new one) before
   * it is an outage; the configuration's defaults when left out (tests, tools).
   */
  pool?: { size: number; timeoutMs: number };
  onConnectionError?: (error: Error) => void;
  /** Stops at this migration, to test an upgrade from an older schema. */
  migrateUpTo?: string;
}): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url, max: size, connectionTimeoutMillis: timeoutMs });
  const report = onConnectionError ?? ((error: Error) => process.emitWarning(error));
  // The pool listens for errors of idle connections only; a connection checked out by a running query
  // emits its own 'error' event, which without a listener would end the process.
  pool.on("error", report);
  pool.on("connect", (client) => client.on("error", report));
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: asStorePool(pool) }),
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

/**
 * The pool as Kysely drives it: every string parameter made storable in a text column, and connection failures
 * (of connecting and of queries, BEGIN, COMMIT and ROLLBACK alike) raised as DomainError `unavailable`.
 */
function asStorePool(pool: pg.Pool): PostgresPool {
  const fit = (value: unknown) =>
    typeof value === "string" && value.includes(NUL) ? value.replaceAll(NUL, REPLACEMENT) : value;
  return {
    Client: pg.Client,
    options: pool.options,
    async connect() {
      const client = await orUnavailable(() => pool.connect());
      // A connection that failed under a query is not given back to the pool for the next one.
      let broken = false;
      return {
        get processID() {
          return (client as pg.PoolClient & { processID?: number }).processID;
        },
        query: (sql: string, parameters: ReadonlyArray<unknown>) =>
          orUnavailable(() => client.query(sql, parameters.map(fit))).catch((error: unknown) => {
            if (isStoreUnavailable(error)) broken = true;
            throw error;
          }),
        release: (destroy?: boolean) => client.release(destroy || broken),
      } as unknown as Awaited<ReturnType<PostgresPool["connect"]>>;
    },
    end: () => pool.end(),
  };
}
