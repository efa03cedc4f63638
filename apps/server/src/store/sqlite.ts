import { mkdir, statfs } from "node:fs/promises";
import { dirname } from "node:path";
import { DatabaseSync, type SQLInputValue, type StatementSync } from "node:sqlite";
import { CamelCasePlugin, Kysely, type SqliteDatabase, SqliteDialect } from "kysely";
import type { Database } from "./database.ts";
import { createKyselyStore } from "./kysely-store.ts";
import { migrateToLatest } from "./migrations/index.ts";
import type { Store } from "./types.ts";
import { diskFull } from "./unavailable.ts";

const IN_MEMORY_PATH = ":memory:";
/** SQLITE_FULL: the disk, or the database's page cap (`max_page_count`), has no room for the write. */
const SQLITE_FULL = 13;
/** Less room than this left for the database, on its disk or under its page cap, and the store reports itself full. */
export const MIN_FREE_BYTES = 1024 * 1024;

/**
 * Opens the SQLite file at `path` (creating it and its directory when missing) with Node's
 * built-in `node:sqlite`, and applies pending migrations. `":memory:"` opens a private in-memory database.
 */
export async function openSqliteStore({
  path,
  migrateUpTo,
}: {
  path: string;
  /** Stops at this migration, to test an upgrade from an older schema. */
  migrateUpTo?: string;
}): Promise<Store> {
  if (path !== IN_MEMORY_PATH) await mkdir(dirname(path), { recursive: true });
  const database = new DatabaseSync(path);
  try {
    // WAL lets readers proceed during a write, and with WAL, synchronous=NORMAL stays consistent
    // after a crash while syncing far less often. Foreign keys are off by default in SQLite.
    database.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA foreign_keys = ON;
      PRAGMA busy_timeout = 5000;
      PRAGMA synchronous = NORMAL;
    `);
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: toKyselySqliteDatabase(database) }),
      plugins: [new CamelCasePlugin()],
    });
    await migrateToLatest({ db, upTo: migrateUpTo });
    return createKyselyStore({
      kind: "sqlite",
      db,
      checkRoom: path === IN_MEMORY_PATH ? undefined : () => checkRoom({ database, directory: dirname(path) }),
    });
  } catch (error) {
    if (database.isOpen) database.close();
    throw error;
  }
}

/** Rejects with DomainError `unavailable` when the database's disk, or its page cap, has less than MIN_FREE_BYTES left. */
async function checkRoom({ database, directory }: { database: DatabaseSync; directory: string }) {
  const disk = await statfs(directory);
  const pragma = (name: string) => Number(Object.values(database.prepare(`PRAGMA ${name}`).get() ?? {})[0]);
  const pagesLeft = pragma("max_page_count") - pragma("page_count") + pragma("freelist_count");
  const room = Math.min(disk.bavail * disk.bsize, pagesLeft * pragma("page_size"));
  if (room < MIN_FREE_BYTES) throw diskFull(new Error(`${room} bytes left for the database`));
}

/** A failed write for lack of room becomes DomainError `unavailable`, the one place, so that callers see a 503. */
function orDiskFull<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw (error as { errcode?: unknown }).errcode === SQLITE_FULL ? diskFull(error) : error;
  }
}

/** Prepared statements kept for reuse: Kysely sends the same few SQL texts again and again. */
const STATEMENT_CACHE_SIZE = 256;

const ROLLBACK = "rollback";
const NOTHING_TO_ROLL_BACK: ReturnType<SqliteDatabase["prepare"]> = {
  reader: false,
  all: () => [],
  run: () => ({ changes: 0, lastInsertRowid: 0 }),
  iterate: () => [][Symbol.iterator](),
};

/** Presents a node:sqlite database in the better-sqlite3 shape that Kysely's SqliteDialect drives. */
function toKyselySqliteDatabase(database: DatabaseSync): SqliteDatabase {
  // Preparing costs more than running most of these queries, so statements are cached (least recently used out).
  const statements = new Map<string, { statement: StatementSync; reader: boolean }>();
  const prepared = (sql: string) => {
    let entry = statements.get(sql);
    if (entry) {
      statements.delete(sql);
    } else {
      const statement = database.prepare(sql);
      // node:sqlite has no `reader` flag; a statement returns rows exactly when it has result columns.
      entry = { statement, reader: statement.columns().length > 0 };
      if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value as string);
    }
    statements.set(sql, entry);
    return entry;
  };
  return {
    close: () => database.close(),
    prepare(sql) {
      // SQLite may roll a transaction back by itself when a write fails (a COMMIT on a full disk does): Kysely's
      // ROLLBACK after it would fail too and hide the first error, so with no transaction open it does nothing.
      if (sql === ROLLBACK && !database.isTransaction) return NOTHING_TO_ROLL_BACK;
      const { statement, reader } = prepared(sql);
      // Kysely only binds values that came through the typed query builders: strings, numbers and null here.
      const bind = (parameters: ReadonlyArray<unknown>) => parameters as SQLInputValue[];
      return {
        reader,
        all: (parameters) => orDiskFull(() => statement.all(...bind(parameters))),
        run: (parameters) => orDiskFull(() => statement.run(...bind(parameters))),
        // An iterator stays open across awaits, so it gets its own statement rather than a shared one.
        iterate: (parameters) => database.prepare(sql).iterate(...bind(parameters)),
      };
    },
  };
}
