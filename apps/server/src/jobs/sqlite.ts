import { CamelCasePlugin, type Kysely } from "kysely";
import { newId } from "../ids/new-id.ts";
import { createEmitter } from "./job-events.ts";
import {
  assertJobName,
  DEFAULT_CONCURRENCY,
  DEFAULT_POLL_INTERVAL_MS,
  DEFAULT_STOP_GRACE_MS,
  parsePayload,
  resolveJobOptions,
} from "./job-options.ts";
import { assertValidSchedule } from "./schedule-ticks.ts";
import { createScheduler } from "./scheduler.ts";
import { createSqliteJobsRepository } from "./sqlite-jobs.repository.ts";
import { createSqliteWorker } from "./sqlite-worker.ts";
import type { JobTables } from "./tables.ts";
import type { JobDefinition, JobEvent, JobQueue, StoreKysely } from "./types.ts";

/**
 * The embedded queue: the `jobs` table of the store's SQLite database, polled and woken by this
 * process's own enqueues. Several processes may share the file (the server and `npm run worker`):
 * claims are conditional updates, so each attempt runs in one of them.
 *
 * `db` must be the store's own Kysely instance: node:sqlite has one connection, and a job enqueued with
 * `tx` is written through that transaction.
 */
export function createSqliteJobQueue({
  db,
  onEvent,
}: {
  db: StoreKysely;
  onEvent?: (event: JobEvent) => void;
}): JobQueue {
  const tables = withJobTables(db);
  const jobs = createSqliteJobsRepository({ db: tables });
  const emit = createEmitter(onEvent);
  const definitions = new Map<string, JobDefinition<unknown>>();
  /** Ticks and runs use the definition this process works, else the one it scheduled. */
  const remember = (job: JobDefinition<unknown>, { worked }: { worked: boolean }) => {
    assertJobName(job.name);
    if (worked || !definitions.has(job.name)) definitions.set(job.name, job);
  };
  const worker = createSqliteWorker({ jobs, definitionOf: (name) => definitions.get(name), emit });
  const scheduler = createScheduler({
    db: tables,
    onError: (error) => emit({ type: "error", error }),
    async enqueueTick({ schedule, tick, jobId }) {
      const definition = definitions.get(schedule.name);
      // A kind this process neither works nor scheduled is left to the processes that know it.
      if (definition === undefined) return false;
      const payload = parsePayload(definition, schedule.payload);
      await insert({ job: definition, payload, id: jobId, runAt: tick, scheduledFor: tick });
      return true;
    },
  });
  let stopped = false;

  async function insert({
    job,
    payload,
    id = newId(),
    tx,
    runAt,
    singletonKey,
    scheduledFor,
  }: {
    job: JobDefinition<unknown>;
    payload: unknown;
    id?: string;
    tx?: StoreKysely;
    runAt?: Date;
    singletonKey?: string;
    scheduledFor?: Date;
  }): Promise<string | null> {
    const options = resolveJobOptions(job);
    const now = new Date().toISOString();
    const inserted = await jobs.insertJob({
      db: tx === undefined ? undefined : withJobTables(tx),
      job: {
        id,
        name: job.name,
        payload: JSON.stringify(payload),
        state: "queued",
        retryLimit: options.retryLimit,
        retryDelayMs: options.retryDelayMs,
        retryBackoff: options.retryBackoff ? 1 : 0,
        expireInMs: options.expireInMs,
        singletonKey: singletonKey ?? null,
        availableAt: (runAt ?? new Date(now)).toISOString(),
        scheduledFor: scheduledFor?.toISOString() ?? null,
        createdAt: now,
      },
    });
    if (!inserted) return null;
    emit({ type: "queued", name: job.name, jobId: id });
    // After a transactional enqueue the claim waits for the store's connection, which the transaction
    // holds until it ends, so waking now finds the job as soon as it commits.
    worker.wake();
    return id;
  }

  return {
    kind: "sqlite",

    async enqueue(job, payload, options = {}) {
      assertJobName(job.name);
      return insert({ job, payload: parsePayload(job, payload), ...options });
    },

    async schedule(job, payload, when, options = {}) {
      remember(job, { worked: false });
      assertValidSchedule(when);
      const valid = parsePayload(job, payload);
      await scheduler.upsertSchedule({ name: job.name, key: options.key ?? "", when, payload: valid, now: new Date() });
      scheduler.wake();
    },

    async unschedule(name, options = {}) {
      await scheduler.deleteSchedule({ name, key: options.key ?? "" });
    },

    async work(definitionsToWork, options = {}) {
      if (stopped) throw new Error("This job queue was stopped; open a new one to work again.");
      for (const job of definitionsToWork) remember(job, { worked: true });
      worker.work(definitionsToWork, {
        concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
        pollIntervalMs: options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
      });
      scheduler.start();
    },

    async stop({ graceMs = DEFAULT_STOP_GRACE_MS } = {}) {
      stopped = true;
      await scheduler.stop();
      await worker.stop({ graceMs });
    },

    async getJob(id) {
      const job = await jobs.findJob({ id });
      if (job === undefined) return undefined;
      return {
        id: job.id,
        name: job.name,
        state: job.state,
        attempts: job.attempts,
        lastError: job.state === "retry" || job.state === "failed" ? job.lastError : null,
        runAt: new Date(job.availableAt),
        createdAt: new Date(job.createdAt),
      };
    },

    stats: ({ name } = {}) => jobs.countJobsByState({ name }),
  };
}

/** The queue's tables in camelCase; the store applies the same plugin, and applying it twice changes nothing. */
function withJobTables(db: StoreKysely): Kysely<JobTables> {
  return db.withPlugin(new CamelCasePlugin()) as Kysely<JobTables>;
}
