import { DatabaseSync, type SQLInputValue } from "node:sqlite";
import { Kysely, PostgresDialect, type SqliteDatabase, SqliteDialect } from "kysely";
import pg from "pg";
import type { Database } from "../store/database.ts";
import { migrateToLatest } from "../store/migrations/index.ts";
import type { StoreKysely } from "./types.ts";

/**
 * Test support: a migrated Kysely instance on the SQLite file at `path`, on a connection of its own,
 * as another process would open it. The store does not hand out its Kysely instance yet; this opens
 * the file the way `store/sqlite.ts` does, without its statement cache.
 */
export async function openSqliteTestDatabase({ path }: { path: string }): Promise<StoreKysely> {
  const database = new DatabaseSync(path);
  database.exec("PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;");
  const bind = (parameters: ReadonlyArray<unknown>) => parameters as SQLInputValue[];
  const adapter: SqliteDatabase = {
    close: () => database.close(),
    prepare(sql) {
      const statement = database.prepare(sql);
      return {
        reader: statement.columns().length > 0,
        all: (parameters) => statement.all(...bind(parameters)),
        run: (parameters) => statement.run(...bind(parameters)),
        iterate: (parameters) => statement.iterate(...bind(parameters)),
      };
    },
  };
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: adapter }) });
  await migrateToLatest({ db });
  return db;
}

/** Test support: a migrated Kysely instance with a small pool of its own on the Postgres database at `url`. */
export async function openPostgresTestDatabase({ url }: { url: string }): Promise<StoreKysely> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on("error", (error) => process.emitWarning(error));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  await migrateToLatest({ db });
  return db;
}
