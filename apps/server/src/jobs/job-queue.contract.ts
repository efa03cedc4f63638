import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { describeScheduleContract } from "./job-queue.contract.schedules.ts";
import {
  eventLog,
  gate,
  type JobQueueContractTarget,
  queueTracker,
  TEST_POLL_MS,
  testJob,
} from "./job-queue.contract.support.ts";

export type { JobQueueContractTarget } from "./job-queue.contract.support.ts";

const WAIT = { timeout: 20_000, interval: 20 };
const never = () => new Promise<void>(() => {});

/**
 * The behaviour every JobQueue adapter must share. All queues of a suite share one database, as the
 * server and worker processes do; each test uses job kinds of its own.
 *
 * @example
 * runJobQueueContract({ name: "sqlite", unitMs: 20, open: () => openQueueOnTheSameFile() });
 */
export function runJobQueueContract(target: JobQueueContractTarget): void {
  describe(`JobQueue contract: ${target.name}`, () => {
    const queues = queueTracker(target);
    afterEach(() => queues.closeAll());
    afterAll(() => target.cleanup?.());

    it("runs an enqueued job with its payload and records it completed", async () => {
      const { queue } = await queues.open();
      const job = testJob();
      await queue.work([job.definition], { pollIntervalMs: TEST_POLL_MS });
      const id = await queue.enqueue(job.definition, { n: 7 });

      await vi.waitFor(async () => expect((await queue.getJob(id as string))?.state).toBe("completed"), WAIT);
      expect(job.runs).toHaveLength(1);
      expect(job.runs[0]?.payload).toEqual({ n: 7 });
      expect(job.runs[0]?.context).toMatchObject({ jobId: id, attempt: 1 });
      expect(await queue.getJob(id as string)).toMatchObject({ id, name: job.name, attempts: 1, lastError: null });
    });

    it("refuses a payload its schema rejects, and knows no job it never stored", async () => {
      const { queue } = await queues.open();
      const job = testJob();
      await expect(queue.enqueue(job.definition, { n: "seven" } as never)).rejects.toThrow(/Invalid payload.*n/);
      expect(await queue.getJob("0198a3b6-0000-7000-8000-00000000dead")).toBeUndefined();
      expect(await queue.getJob("not an id")).toBeUndefined();
    });

    it("retries a failing job with growing delays, then leaves it failed with its last error", async () => {
      const log = eventLog();
      const { queue } = await queues.open({ onEvent: log.onEvent });
      const job = testJob({
        options: { retryLimit: 2, retryDelayMs: target.unitMs, retryBackoff: true },
        perform: async ({ context }) => {
          throw new Error(`boom ${context.attempt}`);
        },
      });
      await queue.work([job.definition], { pollIntervalMs: TEST_POLL_MS });
      const id = (await queue.enqueue(job.definition, { n: 1 })) as string;

      await vi.waitFor(async () => expect((await queue.getJob(id))?.state).toBe("failed"), WAIT);
      expect(await queue.getJob(id)).toMatchObject({ attempts: 3, lastError: "boom 3" });
      expect(job.runs.map((run) => run.context.attempt)).toEqual([1, 2, 3]);
      const [first = 0, second = 0, third = 0] = job.runs.map((run) => run.startedAt);
      // Clocks of the database and of Node may differ by a few milliseconds.
      expect(second - first).toBeGreaterThanOrEqual(target.unitMs - 20);
      expect(third - second).toBeGreaterThanOrEqual(2 * target.unitMs - 20);
      const outcomes = log.events.filter((event) => "jobId" in event && event.jobId === id).map((event) => event.type);
      expect(outcomes.filter((type) => type !== "started")).toEqual(["queued", "retrying", "retrying", "failed"]);
    });

    it("keeps a job enqueued in a transaction only if the transaction commits", async () => {
      const { queue, db } = await queues.open();
      const job = testJob();
      await queue.work([job.definition], { pollIntervalMs: TEST_POLL_MS });
      let rolledBackId: string | null = null;
      await expect(
        db.transaction().execute(async (tx) => {
          rolledBackId = await queue.enqueue(job.definition, { n: 1 }, { tx });
          throw new Error("roll back");
        }),
      ).rejects.toThrow("roll back");
      const committedId = await db.transaction().execute((tx) => queue.enqueue(job.definition, { n: 2 }, { tx }));

      await vi.waitFor(async () => expect((await queue.getJob(committedId as string))?.state).toBe("completed"), WAIT);
      expect(rolledBackId).toEqual(expect.any(String));
      expect(await queue.getJob(rolledBackId as unknown as string)).toBeUndefined();
      expect(job.runs.map((run) => run.payload.n)).toEqual([2]);
    });

    it("runs a job again elsewhere when an attempt outlives its lease", async () => {
      const job = testJob({
        options: { expireInMs: target.unitMs, retryDelayMs: 0, retryBackoff: false },
        perform: ({ context }) => (context.attempt === 1 ? never() : Promise.resolve()),
      });
      const hung = await queues.open();
      await hung.queue.work([job.forInstance("hung")], { pollIntervalMs: TEST_POLL_MS });
      const id = (await hung.queue.enqueue(job.definition, { n: 1 })) as string;
      await vi.waitFor(() => expect(job.runs).toHaveLength(1), WAIT);

      const healthy = await queues.open();
      await healthy.queue.work([job.forInstance("healthy")], { pollIntervalMs: TEST_POLL_MS });
      await vi.waitFor(async () => expect((await healthy.queue.getJob(id))?.state).toBe("completed"), WAIT);
      expect(job.runs.map(({ instance, context }) => [instance, context.attempt])).toEqual([
        ["hung", 1],
        ["healthy", 2],
      ]);
      // The other queue may take the job the moment the lease runs out, a little before the hung attempt's timer fires.
      await vi.waitFor(() => expect(job.runs[0]?.context.signal.aborted).toBe(true), WAIT);
    });

    it("runs a job again elsewhere when the queue running it stops without grace", async () => {
      const job = testJob({
        options: { retryDelayMs: 0, retryBackoff: false },
        perform: ({ context }) => (context.attempt === 1 ? never() : Promise.resolve()),
      });
      const stopping = await queues.open();
      await stopping.queue.work([job.forInstance("stopped")], { pollIntervalMs: TEST_POLL_MS });
      const id = (await stopping.queue.enqueue(job.definition, { n: 1 })) as string;
      await vi.waitFor(() => expect(job.runs).toHaveLength(1), WAIT);
      await stopping.queue.stop({ graceMs: 0 });
      expect(job.runs[0]?.context.signal.aborted).toBe(true);

      const next = await queues.open();
      await next.queue.work([job.forInstance("next")], { pollIntervalMs: TEST_POLL_MS });
      await vi.waitFor(async () => expect((await next.queue.getJob(id))?.state).toBe("completed"), WAIT);
      expect(job.runs.map(({ instance, context }) => [instance, context.attempt])).toEqual([
        ["stopped", 1],
        ["next", 2],
      ]);
    });

    it("enqueues one job per singleton key while it is pending, and frees the key once it completes", async () => {
      const { queue } = await queues.open();
      const job = testJob();
      const first = await queue.enqueue(job.definition, { n: 1 }, { singletonKey: "conversation-1" });
      expect(first).toEqual(expect.any(String));
      expect(await queue.enqueue(job.definition, { n: 2 }, { singletonKey: "conversation-1" })).toBeNull();
      const other = await queue.enqueue(job.definition, { n: 3 }, { singletonKey: "conversation-2" });
      expect(other).toEqual(expect.any(String));

      await queue.work([job.definition], { pollIntervalMs: TEST_POLL_MS });
      await vi.waitFor(async () => expect((await queue.getJob(first as string))?.state).toBe("completed"), WAIT);
      const again = await queue.enqueue(job.definition, { n: 4 }, { singletonKey: "conversation-1" });
      await vi.waitFor(async () => expect((await queue.getJob(again as string))?.state).toBe("completed"), WAIT);
      expect(job.runs.map((run) => run.payload.n).sort()).toEqual([1, 3, 4]);
    });

    it("runs each of 50 jobs exactly once across two queues on one database", async () => {
      const job = testJob();
      const observer = await queues.open();
      // One after the other: Kysely's migrator takes no lock on SQLite, so two first opens of a file would race.
      const left = await queues.open();
      const right = await queues.open();
      await left.queue.work([job.forInstance("left")], { concurrency: 4, pollIntervalMs: TEST_POLL_MS });
      await right.queue.work([job.forInstance("right")], { concurrency: 4, pollIntervalMs: TEST_POLL_MS });
      const ids = await Promise.all(
        Array.from({ length: 50 }, (_, n) => observer.queue.enqueue(job.definition, { n })),
      );

      await vi.waitFor(() => expect(new Set(job.runs.map((run) => run.context.jobId)).size).toBe(50), WAIT);
      await Promise.all([left.queue.stop(), right.queue.stop()]);
      expect(job.runs).toHaveLength(50);
      for (const id of ids) expect((await observer.queue.getJob(id as string))?.state).toBe("completed");
    });

    it("starts a job no earlier than its runAt", async () => {
      const { queue } = await queues.open();
      const job = testJob();
      const runAt = new Date(Date.now() + 3 * Math.max(target.unitMs, 200));
      const id = (await queue.enqueue(job.definition, { n: 1 }, { runAt })) as string;
      expect(await queue.getJob(id)).toMatchObject({ state: "queued", attempts: 0, runAt });
      await queue.work([job.definition], { pollIntervalMs: TEST_POLL_MS });
      await vi.waitFor(async () => expect((await queue.getJob(id))?.state).toBe("completed"), WAIT);
      expect(job.runs[0]?.startedAt).toBeGreaterThanOrEqual(runAt.getTime() - 20);
    });

    it("waits in stop() for a running job to finish", async () => {
      const observer = await queues.open();
      const release = gate();
      let abortedWhenDone: boolean | undefined;
      const job = testJob({
        perform: async ({ context }) => {
          await release.promise;
          abortedWhenDone = context.signal.aborted;
        },
      });
      const { queue } = await queues.open();
      await queue.work([job.definition], { pollIntervalMs: TEST_POLL_MS });
      const id = (await queue.enqueue(job.definition, { n: 1 })) as string;
      await vi.waitFor(() => expect(job.runs).toHaveLength(1), WAIT);

      let stopped = false;
      const stopping = queue.stop({ graceMs: 20_000 }).then(() => {
        stopped = true;
      });
      // The job goes on for a while after stop() is called: long past a zero grace, well within this one.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(stopped).toBe(false);
      release.open();
      await stopping;
      expect(abortedWhenDone).toBe(false);
      expect((await observer.queue.getJob(id))?.state).toBe("completed");
    });

    it("counts jobs by state, of one kind or of all", async () => {
      const { queue } = await queues.open();
      const job = testJob({
        perform: async ({ payload }) => (payload.n === 3 ? Promise.reject(new Error("no")) : undefined),
      });
      const failing = job.forInstance("failing");
      const noRetry = { ...failing, options: { retryLimit: 0 } };
      for (const n of [1, 2, 3]) await queue.enqueue(noRetry, { n });
      await vi.waitFor(
        async () =>
          expect(await queue.stats({ name: job.name })).toEqual({ queued: 3, running: 0, failed: 0, completed: 0 }),
        WAIT,
      );
      await queue.work([noRetry], { pollIntervalMs: TEST_POLL_MS });
      await vi.waitFor(
        async () =>
          expect(await queue.stats({ name: job.name })).toEqual({ queued: 0, running: 0, failed: 1, completed: 2 }),
        WAIT,
      );
      expect((await queue.stats()).completed).toBeGreaterThanOrEqual(2);
    });

    describeScheduleContract({ target, queues });
  });
}
