import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { DatabaseSync, type SQLInputValue } from "node:sqlite";
import { Kysely, type SqliteDatabase, SqliteDialect } from "kysely";
import type { Database } from "./database.ts";
import type { Store } from "./index.ts";
import { createKyselyStore } from "./kysely-store.ts";
import { migrateToLatest } from "./migrations/index.ts";

const IN_MEMORY_PATH = ":memory:";

/**
 * Opens the SQLite file at `path` (creating it and its directory when missing) with Node's
 * built-in `node:sqlite`, and applies pending migrations. `":memory:"` opens a private in-memory database.
 */
export async function openSqliteStore({ path }: { path: string }): Promise<Store> {
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
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: toKyselySqliteDatabase(database) }) });
    await migrateToLatest({ db });
    return createKyselyStore({ kind: "sqlite", db });
  } catch (error) {
    if (database.isOpen) database.close();
    throw error;
  }
}

/** Presents a node:sqlite database in the better-sqlite3 shape that Kysely's SqliteDialect drives. */
function toKyselySqliteDatabase(database: DatabaseSync): SqliteDatabase {
  return {
    close: () => database.close(),
    prepare(sql) {
      const statement = database.prepare(sql);
      // Kysely only binds values that came through the typed query builders: strings, numbers and null here.
      const bind = (parameters: ReadonlyArray<unknown>) => parameters as SQLInputValue[];
      return {
        // node:sqlite has no `reader` flag; a statement returns rows exactly when it has result columns.
        reader: statement.columns().length > 0,
        all: (parameters) => statement.all(...bind(parameters)),
        run: (parameters) => statement.run(...bind(parameters)),
        iterate: (parameters) => statement.iterate(...bind(parameters)),
      };
    },
  };
}
