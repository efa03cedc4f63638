import { sql } from "kysely";
import type { Migration } from "kysely/migration";

/**
 * The embedded job queue and the schedules of both queue adapters. Created on Postgres too, where
 * pg-boss keeps the jobs in its own schema and `jobs` stays empty: one migration list serves both dialects.
 */
export const jobsMigration: Migration = {
  async up(db) {
    await db.schema
      .createTable("jobs")
      .addColumn("id", "text", (col) => col.primaryKey().notNull())
      .addColumn("name", "text", (col) => col.notNull())
      .addColumn("payload", "text", (col) => col.notNull())
      .addColumn("state", "text", (col) => col.notNull())
      .addColumn("attempts", "integer", (col) => col.notNull().defaultTo(0))
      .addColumn("retry_limit", "integer", (col) => col.notNull())
      .addColumn("retry_delay_ms", "integer", (col) => col.notNull())
      .addColumn("retry_backoff", "integer", (col) => col.notNull())
      .addColumn("expire_in_ms", "integer", (col) => col.notNull())
      .addColumn("singleton_key", "text")
      .addColumn("available_at", "text", (col) => col.notNull())
      .addColumn("scheduled_for", "text")
      .addColumn("last_error", "text")
      .addColumn("created_at", "text", (col) => col.notNull())
      .addColumn("finished_at", "text")
      .execute();
    // Claims look for waiting jobs that are due and running ones whose lease ran out, oldest first.
    await db.schema
      .createIndex("jobs_state_available_at_index")
      .on("jobs")
      .columns(["state", "available_at"])
      .execute();
    // A singleton key holds while its job is pending; once it completes or fails the key is free again.
    await db.schema
      .createIndex("jobs_singleton_key_index")
      .on("jobs")
      .columns(["name", "singleton_key"])
      .unique()
      .where(sql<boolean>`state in ('queued', 'retry', 'running')`)
      .execute();

    await db.schema
      .createTable("job_schedules")
      .addColumn("name", "text", (col) => col.notNull())
      .addColumn("key", "text", (col) => col.notNull())
      .addColumn("cron", "text")
      .addColumn("timezone", "text")
      .addColumn("every_ms", "integer")
      .addColumn("payload", "text", (col) => col.notNull())
      .addColumn("last_tick_at", "text", (col) => col.notNull())
      .addColumn("created_at", "text", (col) => col.notNull())
      .addColumn("updated_at", "text", (col) => col.notNull())
      .addPrimaryKeyConstraint("job_schedules_pkey", ["name", "key"])
      .execute();
  },
};
