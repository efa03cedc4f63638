import type { Kysely } from "kysely";
import type { z } from "zod";

/** How a kind of job retries and how long one attempt may run. Defaults live in `job-options.ts`. */
export type JobOptions = {
  /** Retries after the first attempt; a job runs at most `retryLimit + 1` times. */
  retryLimit: number;
  retryDelayMs: number;
  /** Doubles the delay after each failed attempt: `retryDelayMs * 2^(attempt - 1)`, at least. */
  retryBackoff: boolean;
  /** The longest one attempt may run: then its signal aborts and another attempt is scheduled. */
  expireInMs: number;
};

export type JobContext = {
  jobId: string;
  /** 1 for the first run, 2 for the first retry, … */
  attempt: number;
  /** Aborts when the attempt expires or the queue stops before it finishes. */
  signal: AbortSignal;
  /** For a job a schedule enqueued: the tick it stands for (the cron time or the interval slot). */
  scheduledFor?: Date;
};

/**
 * A kind of job. A small file `<name>.job.ts` exports one, made with `defineJob`.
 *
 * @example
 * export const titleJob = defineJob({ name: "conversation.title", schema: z.object({ conversationId: z.string() }), perform });
 */
export type JobDefinition<P> = {
  /** `resource.verb`, e.g. "conversation.title"; letters, digits, `.`, `_` and `-`. */
  name: string;
  /** Checked when the job is enqueued and again when it runs. */
  schema: z.ZodType<P>;
  perform(payload: P, context: JobContext): Promise<void>;
  options?: Partial<JobOptions>;
};

export type JobState = "queued" | "running" | "completed" | "failed" | "retry";

export type JobInfo = {
  id: string;
  name: string;
  state: JobState;
  /** Attempts started so far. */
  attempts: number;
  /** While the job is retrying or once it has failed: the error message of its latest failed attempt. */
  lastError: string | null;
  /** When a queued or retrying job may next start. */
  runAt: Date;
  createdAt: Date;
};

export type JobStats = Record<"queued" | "running" | "failed" | "completed", number>;

/** When a schedule ticks: a 5-field cron (6 with seconds) in a timezone (default UTC), or an epoch-aligned interval. */
export type ScheduleWhen = { cron: string; timezone?: string } | { everyMs: number };

/** What a queue reports as it works, for metrics and logs; job payloads never appear in it. */
export type JobEvent =
  | { type: "queued"; name: string; jobId: string }
  | { type: "started"; name: string; jobId: string; attempt: number; waitMs: number }
  | { type: "completed"; name: string; jobId: string; attempt: number; durationMs: number }
  | { type: "retrying"; name: string; jobId: string; attempt: number; durationMs: number; error: string }
  | { type: "failed"; name: string; jobId: string; attempt: number; durationMs?: number; error: string }
  | { type: "error"; error: Error }
  | { type: "warning"; message: string };

/**
 * The store's Kysely instance or one of its transactions, whatever tables its type declares: Kysely is
 * invariant in them, so only `any` accepts every store. The queue reads its own through `JobTables`.
 */
// biome-ignore lint/suspicious/noExplicitAny: the one place the queue takes a database of unknown table types.
export type StoreKysely = Kysely<any>;

export type EnqueueOptions = {
  /** A Kysely transaction on the store's database: the job exists exactly when it commits. */
  tx?: StoreKysely;
  runAt?: Date;
  /** While a job of this kind with this key is queued, retrying or running, enqueueing another returns null. */
  singletonKey?: string;
};

export type WorkOptions = {
  /** Jobs of each kind running at once in this process. */
  concurrency?: number;
  /** How often to look for jobs when nothing woke the queue. */
  pollIntervalMs?: number;
};

/** A durable job queue in the store's database: an embedded table queue on SQLite, pg-boss on Postgres. */
export interface JobQueue {
  readonly kind: "sqlite" | "postgres";
  /** Returns the job id, or null when a job with the same `singletonKey` is still pending. Throws on an invalid payload. */
  enqueue<P>(job: JobDefinition<P>, payload: P, options?: EnqueueOptions): Promise<string | null>;
  /**
   * Stores a recurring job under `job.name` (and `key`, so one kind can have many schedules); calling it
   * again with the same definition changes nothing. Working queues that know the kind tick it, once per
   * tick in all; of the ticks missed while none was working, the newest runs once when one starts.
   */
  schedule<P>(job: JobDefinition<P>, payload: P, when: ScheduleWhen, options?: { key?: string }): Promise<void>;
  unschedule(name: string, options?: { key?: string }): Promise<void>;
  /**
   * Runs these kinds in this process, and ticks the stored schedules of the kinds it works or scheduled,
   * until `stop()`; a worker process calls the same.
   */
  work(jobs: JobDefinition<unknown>[], options?: WorkOptions): Promise<void>;
  /**
   * Stops taking jobs and ticking; waits up to `graceMs` for running jobs, then aborts their signals and
   * counts them as failed attempts, to be retried. Jobs of a killed process are retried once their lease
   * (`expireInMs`) runs out. The queue is finished afterwards.
   */
  stop(options?: { graceMs?: number }): Promise<void>;
  getJob(id: string): Promise<JobInfo | undefined>;
  /** Counts by state, of one kind or of all, for metrics; on Postgres they lag by up to pg-boss's monitor interval. */
  stats(options?: { name?: string }): Promise<JobStats>;
}
