import { CamelCasePlugin, type Kysely } from "kysely";
import { type ConstructorOptions, fromKysely, type JobWithMetadata, PgBoss, type SendOptions } from "pg-boss";
import { newId } from "../ids/new-id.ts";
import { createEmitter } from "./job-events.ts";
import {
  assertJobName,
  DEFAULT_CONCURRENCY,
  DEFAULT_POLL_INTERVAL_MS,
  DEFAULT_STOP_GRACE_MS,
  errorMessage,
  parsePayload,
  resolveJobOptions,
} from "./job-options.ts";
import { assertValidSchedule } from "./schedule-ticks.ts";
import { createScheduler } from "./scheduler.ts";
import type { JobTables } from "./tables.ts";
import type { JobDefinition, JobEvent, JobInfo, JobQueue, JobState, StoreKysely } from "./types.ts";

/** What a pg-boss job carries: the payload wrapped, since pg-boss wants an object and payloads may be any JSON. */
type JobData = { payload: unknown; scheduledFor?: string };

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** jsonb cannot hold U+0000, not even escaped: it becomes U+FFFD, as in the store's text columns. */
const storableInJsonb = (data: JobData): JobData =>
  JSON.parse(
    JSON.stringify(data, (_key, value) => (typeof value === "string" ? value.replaceAll("\u0000", "\uFFFD") : value)),
  );

/** pg-boss polls no faster than every 500 ms. */
const MIN_POLL_INTERVAL_MS = 500;

const STATES: Record<JobWithMetadata["state"], JobState> = {
  created: "queued",
  retry: "retry",
  active: "running",
  completed: "completed",
  failed: "failed",
  cancelled: "failed",
};

/**
 * The scale-out queue: pg-boss, with its own schema (`pgboss`) in the store's database, created or
 * migrated on first start under an advisory lock. Enqueueing with `tx` runs pg-boss's insert on that
 * Kysely transaction. Schedules are the shared `job_schedules` ticks (pg-boss's own cron is off: it
 * counts in minutes, and the stale-generation sweep runs every few seconds).
 *
 * Every kind is a pg-boss queue of policy `exclusive`, which is what makes `singletonKey` hold while a
 * job is queued, retrying or running (a `standard` queue ignores the key without `singletonSeconds`).
 * That policy also treats a missing key as one shared key, so a job without one gets its own id as key.
 */
export async function openPostgresJobQueue({
  url,
  db,
  onEvent,
  boss: bossOptions,
}: {
  url: string;
  /** The store's Kysely instance, for the schedules table. */
  db: StoreKysely;
  onEvent?: (event: JobEvent) => void;
  /** pg-boss settings, e.g. `superviseIntervalSeconds` (how soon a dead process's expired jobs are retried, default 60). */
  boss?: Omit<ConstructorOptions, "connectionString" | "db">;
}): Promise<JobQueue> {
  const emit = createEmitter(onEvent);
  const boss = new PgBoss({
    connectionString: url,
    application_name: "slipstream-jobs",
    schedule: false,
    useListenNotify: true,
    ...bossOptions,
  });
  boss.on("error", (error) => emit({ type: "error", error }));
  boss.on("warning", (warning) => emit({ type: "warning", message: warning.message }));
  await boss.start();
  const schema = bossOptions?.schema ?? "pgboss";

  const definitions = new Map<string, JobDefinition<unknown>>();
  const queues = new Map<string, Promise<void>>();
  const workers = new Map<string, string>();
  /** Ticks and runs use the definition this process works, else the one it scheduled. */
  const remember = (job: JobDefinition<unknown>, { worked }: { worked: boolean }) => {
    assertJobName(job.name);
    if (worked || !definitions.has(job.name)) definitions.set(job.name, job);
  };
  const ensureQueue = (name: string): Promise<void> => {
    let created = queues.get(name);
    if (created === undefined) {
      // Idempotent: a queue that exists already is left as it is.
      created = boss.createQueue(name, { policy: "exclusive", notify: true });
      created.catch(() => queues.delete(name));
      queues.set(name, created);
    }
    return created;
  };

  async function send({
    job,
    data,
    id = newId(),
    tx,
    runAt,
    singletonKey,
  }: {
    job: JobDefinition<unknown>;
    data: JobData;
    id?: string;
    tx?: StoreKysely;
    runAt?: Date;
    singletonKey?: string;
  }): Promise<string | null> {
    await ensureQueue(job.name);
    const sent = await boss.send(job.name, storableInJsonb(data), {
      ...toSendOptions(job),
      id,
      singletonKey: singletonKey ?? id,
      startAfter: runAt,
      // pg-boss's SQL is its own: without plugins, so that the store's CamelCasePlugin cannot rename its columns.
      db: tx === undefined ? undefined : fromKysely(tx.withoutPlugins()),
    });
    if (sent === null) return null;
    emit({ type: "queued", name: job.name, jobId: sent });
    // A transactional enqueue notifies at commit (LISTEN/NOTIFY); this one can wake the local worker now.
    const workerId = workers.get(job.name);
    if (tx === undefined && workerId !== undefined) boss.notifyWorker(workerId);
    return sent;
  }

  async function runJob(job: JobDefinition<unknown>, claimed: JobWithMetadata<JobData>): Promise<void> {
    const startedAt = Date.now();
    const attempt = claimed.retryCount + 1;
    const base = { name: job.name, jobId: claimed.id, attempt };
    emit({ type: "started", ...base, waitMs: Math.max(0, startedAt - claimed.startAfter.getTime()) });
    const failure = (error: unknown): JobEvent => {
      const type = claimed.retryCount < claimed.retryLimit ? "retrying" : "failed";
      return { type, ...base, durationMs: Date.now() - startedAt, error: errorMessage(error) };
    };
    try {
      const scheduledFor = claimed.data.scheduledFor === undefined ? undefined : new Date(claimed.data.scheduledFor);
      const payload = parsePayload(job, claimed.data.payload);
      await job.perform(payload, { jobId: claimed.id, attempt, signal: claimed.signal, scheduledFor });
    } catch (error) {
      emit(failure(claimed.signal.aborted ? claimed.signal.reason : error));
      throw error;
    }
    // An aborted signal means pg-boss already failed the attempt (it expired, or the queue stopped).
    emit(
      claimed.signal.aborted
        ? failure(claimed.signal.reason)
        : { type: "completed", ...base, durationMs: Date.now() - startedAt },
    );
  }

  const scheduler = createScheduler({
    db: db.withPlugin(new CamelCasePlugin()) as Kysely<JobTables>,
    onError: (error) => emit({ type: "error", error }),
    async enqueueTick({ schedule, tick, jobId }) {
      const definition = definitions.get(schedule.name);
      if (definition === undefined) return false;
      const payload = parsePayload(definition, schedule.payload);
      await send({ job: definition, data: { payload, scheduledFor: tick.toISOString() }, id: jobId });
      return true;
    },
  });

  return {
    kind: "postgres",

    async enqueue(job, payload, { tx, runAt, singletonKey } = {}) {
      assertJobName(job.name);
      return send({ job, data: { payload: parsePayload(job, payload) }, tx, runAt, singletonKey });
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

    async work(jobs, { concurrency = DEFAULT_CONCURRENCY, pollIntervalMs = DEFAULT_POLL_INTERVAL_MS } = {}) {
      for (const job of jobs) {
        remember(job, { worked: true });
        if (workers.has(job.name)) continue;
        await ensureQueue(job.name);
        const workerId = await boss.work(
          job.name,
          {
            localConcurrency: concurrency,
            pollingIntervalSeconds: Math.max(MIN_POLL_INTERVAL_MS, pollIntervalMs) / 1000,
            // NOTIFY announces only jobs that are due when sent: delayed jobs and retries need the poll,
            // which a notify-enabled queue would otherwise stretch to 30 s.
            notifyPollingIntervalSeconds: Math.max(MIN_POLL_INTERVAL_MS, pollIntervalMs) / 1000,
            batchSize: 1,
            includeMetadata: true,
          },
          async ([claimed]: JobWithMetadata<JobData>[]) => {
            if (claimed !== undefined) await runJob(job, claimed);
          },
        );
        workers.set(job.name, workerId);
      }
      scheduler.start();
    },

    async stop({ graceMs = DEFAULT_STOP_GRACE_MS } = {}) {
      await scheduler.stop();
      // pg-boss waits at least a second when graceful; without grace it fails running jobs (to be retried) at once.
      await boss.stop({ graceful: graceMs > 0, timeout: graceMs, close: true });
    },

    async getJob(id) {
      if (!UUID_PATTERN.test(id)) return undefined;
      // pg-boss finds jobs by queue and id; the queue of a bare id is one lookup in its job table.
      const { rows } = await boss.getDb().executeSql(`SELECT name FROM ${schema}.job WHERE id = $1`, [id]);
      const name: unknown = rows[0]?.name;
      if (typeof name !== "string") return undefined;
      const [job] = await boss.findJobs<JobData>(name, { id });
      return job === undefined ? undefined : toJobInfo(job);
    },

    async stats({ name } = {}) {
      // pg-boss's queue counts, refreshed by its monitor every `monitorIntervalSeconds` (default 60):
      // cheap enough to scrape, at the price of lagging by up to that long.
      const stats = { queued: 0, running: 0, failed: 0, completed: 0 };
      for (const queue of await boss.getQueues(name === undefined ? undefined : [name])) {
        stats.queued += queue.queuedCount;
        stats.running += queue.activeCount;
        stats.failed += queue.failedCount;
        stats.completed += Math.max(0, queue.totalCount - queue.queuedCount - queue.activeCount - queue.failedCount);
      }
      return stats;
    },
  };
}

/** pg-boss counts retry delays and expiry in whole seconds. */
function toSendOptions(job: JobDefinition<unknown>): SendOptions {
  const options = resolveJobOptions(job);
  return {
    retryLimit: options.retryLimit,
    retryDelay: Math.ceil(options.retryDelayMs / 1000),
    retryBackoff: options.retryBackoff,
    expireInSeconds: Math.max(1, Math.ceil(options.expireInMs / 1000)),
  };
}

function toJobInfo(job: JobWithMetadata<JobData>): JobInfo {
  const output = job.output as { message?: unknown } | null;
  // retryCount counts the claims after the first, so any job that has started once has retryCount + 1 attempts.
  const attempts = job.state === "created" ? 0 : job.retryCount + 1;
  const lastError = job.state === "failed" || job.state === "retry" ? String(output?.message ?? "") || null : null;
  return {
    id: job.id,
    name: job.name,
    state: STATES[job.state],
    attempts,
    lastError,
    runAt: job.startAfter,
    createdAt: job.createdOn,
  };
}
