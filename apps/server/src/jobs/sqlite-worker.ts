import { errorMessage, parsePayload, retryDelayMs } from "./job-options.ts";
import type { createSqliteJobsRepository, JobRow } from "./sqlite-jobs.repository.ts";
import type { JobDefinition, JobEvent } from "./types.ts";

/** Finished jobs stay readable (getJob, the API) this long, then a working queue deletes them. */
const FINISHED_RETENTION_MS = 7 * 24 * 60 * 60_000;
const PURGE_EVERY_MS = 60 * 60_000;

type RunningAttempt = {
  /** Settles when `perform` has returned (or thrown) and the outcome is recorded. */
  performed: Promise<void>;
  /** Aborts the attempt and records it as failed, to be retried at once. */
  interrupt(error: Error): Promise<void>;
};

type AttemptResult = { ok: true } | { ok: false; error: unknown; abort?: boolean; retryNow?: boolean };

/**
 * The claim-and-run loop of the embedded queue: polls (or wakes when told), claims due jobs of the kinds
 * it works while each kind is under its concurrency, and records every attempt's outcome.
 */
export function createSqliteWorker({
  jobs,
  definitionOf,
  emit,
}: {
  jobs: ReturnType<typeof createSqliteJobsRepository>;
  definitionOf: (name: string) => JobDefinition<unknown> | undefined;
  emit: (event: JobEvent) => void;
}) {
  const kinds = new Set<string>();
  const running = new Map<string, RunningAttempt>();
  const busyByKind = new Map<string, number>();
  let settings = { concurrency: 1, pollIntervalMs: 1_000 };
  let active = false;
  let pollTimer: NodeJS.Timeout | undefined;
  let draining: Promise<void> | undefined;
  let drainAgain = false;
  let purgedAt = 0;

  function wake(): void {
    if (!active) return;
    if (draining !== undefined) {
      drainAgain = true;
      return;
    }
    clearTimeout(pollTimer);
    draining = drain().finally(() => {
      draining = undefined;
      if (drainAgain) {
        drainAgain = false;
        wake();
      } else if (active) {
        pollTimer = setTimeout(wake, settings.pollIntervalMs);
      }
    });
  }

  async function drain(): Promise<void> {
    try {
      for (const job of await jobs.failAbandonedJobs({ now: new Date() })) {
        emit({ type: "failed", name: job.name, jobId: job.id, attempt: job.attempts, error: "lease expired" });
      }
      while (active) {
        const names = [...kinds].filter((name) => (busyByKind.get(name) ?? 0) < settings.concurrency);
        if (names.length === 0) break;
        const claimed = await jobs.claimNextJob({ names, now: new Date() });
        if (claimed === undefined) break;
        startAttempt(claimed);
      }
      if (Date.now() - purgedAt >= PURGE_EVERY_MS) {
        purgedAt = Date.now();
        await jobs.deleteFinishedJobs({ before: new Date(purgedAt - FINISHED_RETENTION_MS) });
      }
    } catch (error) {
      emit({ type: "error", error: new Error("The job queue failed to claim jobs", { cause: error }) });
    }
  }

  function startAttempt({ job, dueAt }: { job: JobRow; dueAt: Date }): void {
    const definition = definitionOf(job.name);
    const attempt = job.attempts;
    const startedAt = Date.now();
    const controller = new AbortController();
    emit({ type: "started", name: job.name, jobId: job.id, attempt, waitMs: Math.max(0, startedAt - dueAt.getTime()) });

    let recorded: Promise<void> | undefined;
    const settle = (result: AttemptResult): Promise<void> => {
      if (recorded !== undefined) return recorded;
      clearTimeout(expiry);
      if (!result.ok && result.abort) controller.abort(result.error);
      recorded = recordAttempt({ job, attempt, startedAt, result });
      return recorded;
    };
    // Like pg-boss: an attempt that outlives its lease is failed and aborted, since another process may
    // take the job from then on; its slot stays taken until perform returns.
    const expiry = setTimeout(() => {
      void settle({ ok: false, abort: true, error: new Error(`The attempt ran longer than ${job.expireInMs} ms.`) });
    }, job.expireInMs);

    busyByKind.set(job.name, (busyByKind.get(job.name) ?? 0) + 1);
    const performed = Promise.resolve()
      .then(() => {
        if (definition === undefined) throw new Error(`No definition of job ${job.name} in this process.`);
        const payload = parsePayload(definition, JSON.parse(job.payload));
        const scheduledFor = job.scheduledFor === null ? undefined : new Date(job.scheduledFor);
        return definition.perform(payload, { jobId: job.id, attempt, signal: controller.signal, scheduledFor });
      })
      .then(
        () => settle({ ok: true }),
        (error: unknown) => settle({ ok: false, error }),
      )
      .finally(() => {
        busyByKind.set(job.name, (busyByKind.get(job.name) ?? 1) - 1);
        running.delete(job.id);
        wake();
      });
    running.set(job.id, {
      performed,
      interrupt: (error) => settle({ ok: false, error, abort: true, retryNow: true }),
    });
  }

  async function recordAttempt({
    job,
    attempt,
    startedAt,
    result,
  }: {
    job: JobRow;
    attempt: number;
    startedAt: number;
    result: AttemptResult;
  }): Promise<void> {
    const now = new Date();
    const base = { name: job.name, jobId: job.id, attempt, durationMs: now.getTime() - startedAt };
    try {
      if (result.ok) {
        const held = await jobs.finishAttempt({ id: job.id, attempt, outcome: { state: "completed" }, now });
        if (held) emit({ type: "completed", ...base });
        return;
      }
      const error = errorMessage(result.error);
      if (attempt > job.retryLimit) {
        const held = await jobs.finishAttempt({ id: job.id, attempt, outcome: { state: "failed", error }, now });
        if (held) emit({ type: "failed", ...base, error });
        return;
      }
      const options = { ...job, retryBackoff: job.retryBackoff === 1 };
      const delayMs = result.retryNow ? 0 : retryDelayMs({ attempt, options });
      const at = new Date(now.getTime() + delayMs);
      const held = await jobs.finishAttempt({ id: job.id, attempt, outcome: { state: "retry", error, at }, now });
      if (held) emit({ type: "retrying", ...base, error });
    } catch (error) {
      emit({ type: "error", error: new Error(`Recording the end of job ${job.id} failed`, { cause: error }) });
    }
  }

  return {
    /** Adds kinds to work; the latest concurrency and poll interval apply to all of them. */
    work(definitions: JobDefinition<unknown>[], next: { concurrency: number; pollIntervalMs: number }): void {
      for (const definition of definitions) kinds.add(definition.name);
      settings = next;
      active = true;
      wake();
    },
    wake,
    async stop({ graceMs }: { graceMs: number }): Promise<void> {
      active = false;
      clearTimeout(pollTimer);
      await draining;
      if (running.size === 0) return;
      let graceTimer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<void>((resolve) => {
        graceTimer = setTimeout(resolve, graceMs);
      });
      await Promise.race([Promise.all([...running.values()].map((attempt) => attempt.performed)), graceOver]);
      clearTimeout(graceTimer);
      const stopped = new Error("The queue stopped before the job finished.");
      await Promise.all([...running.values()].map((attempt) => attempt.interrupt(stopped)));
    },
  };
}
