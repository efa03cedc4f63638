import type { Config } from "../config.ts";
import type { JobDefinition, JobEvent, JobQueue, StoreKysely } from "./types.ts";

export { DEFAULT_JOB_OPTIONS } from "./job-options.ts";
export type * from "./types.ts";

/** Types a job kind's payload from its schema; a `<name>.job.ts` file exports what it returns. */
export function defineJob<P>(job: JobDefinition<P>): JobDefinition<P> {
  return job;
}

/**
 * Opens the job queue of the configured database. `db` is the store's Kysely instance: the embedded
 * queue lives in its tables, and both adapters keep their schedules there. The Postgres adapter
 * (pg-boss) is loaded only when used.
 */
export async function openJobQueue({
  database,
  db,
  onEvent,
}: {
  database: Config["db"];
  db: StoreKysely;
  onEvent?: (event: JobEvent) => void;
}): Promise<JobQueue> {
  if (database.kind === "postgres") {
    const { openPostgresJobQueue } = await import("./postgres.ts");
    return openPostgresJobQueue({ url: database.url, db, onEvent });
  }
  const { createSqliteJobQueue } = await import("./sqlite.ts");
  return createSqliteJobQueue({ db, onEvent });
}
