import type { Kysely } from "kysely";
import { type Migration, Migrator } from "kysely/migration";
import type { Database } from "../database.ts";
import { initialMigration } from "./0001-initial.ts";
import { sweepIndexMigration } from "./0002-sweep-index.ts";
import { jobsMigration } from "./0006-jobs.ts";

/** Applied in key order; the keys are recorded in `kysely_migration`, so never rename a shipped one. */
const migrations: Record<string, Migration> = {
  "0001_initial": initialMigration,
  "0002_sweep_index": sweepIndexMigration,
  "0006_jobs": jobsMigration,
};

/**
 * Applies pending migrations. On Postgres the Migrator holds an advisory lock while it runs, so
 * several processes may start at once against the same database.
 */
export async function migrateToLatest({ db }: { db: Kysely<Database> }): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error === undefined) return;
  const failed = results?.find((result) => result.status === "Error")?.migrationName;
  const reason = error instanceof Error ? error.message : String(error);
  throw new Error(`Database migration ${failed ?? "setup"} failed: ${reason}`, { cause: error });
}
