import type { Generated } from "kysely";

/**
 * Kysely schema of the tables created by `store/migrations/0005-jobs.ts`, in camelCase: the queue
 * reads them through `CamelCasePlugin`. Timestamps are ISO-8601 UTC strings, as everywhere in the store.
 */
export interface JobTables {
  /** The embedded queue; on Postgres pg-boss keeps jobs in its own schema and this table stays empty. */
  jobs: JobsTable;
  /** Schedules of both adapters. */
  jobSchedules: JobSchedulesTable;
}

export interface JobsTable {
  id: string;
  name: string;
  /** JSON text of the validated payload. */
  payload: string;
  state: "queued" | "retry" | "running" | "completed" | "failed";
  /** Attempts started; the claim that starts attempt n sets it to n, which fences off a lost claim. */
  attempts: Generated<number>;
  retryLimit: number;
  retryDelayMs: number;
  /** 0 or 1. */
  retryBackoff: number;
  expireInMs: number;
  singletonKey: string | null;
  /** When a waiting job may start; for a running one, when its lease runs out. */
  availableAt: string;
  scheduledFor: string | null;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface JobSchedulesTable {
  name: string;
  /** "" for the kind's default schedule. */
  key: string;
  cron: string | null;
  timezone: string | null;
  everyMs: number | null;
  payload: string;
  /** The newest tick enqueued; a new schedule starts at its creation time, so earlier ticks never run. */
  lastTickAt: string;
  createdAt: string;
  updatedAt: string;
}
