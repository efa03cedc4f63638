import { describe, expect, it, vi } from "vitest";
import { type JobQueueContractTarget, type queueTracker, TEST_POLL_MS, testJob } from "./job-queue.contract.support.ts";
import { tickJobId } from "./scheduler.ts";

const WAIT = { timeout: 20_000, interval: 20 };
const TICK_MS = 300;
const HOUR_MS = 60 * 60_000;

const ticksOf = (runs: { context: { scheduledFor?: Date } }[]) =>
  runs.map((run) => run.context.scheduledFor?.getTime() ?? Number.NaN);

export function describeScheduleContract({
  queues,
}: {
  target: JobQueueContractTarget;
  queues: ReturnType<typeof queueTracker>;
}): void {
  describe("schedules", () => {
    it("runs each tick of an interval once across two queues that both schedule it", async () => {
      const job = testJob();
      // One after the other: Kysely's migrator takes no lock on SQLite, so two first opens of a file would race.
      const left = await queues.open();
      const right = await queues.open();
      for (const [instance, opened] of [["left", left] as const, ["right", right] as const]) {
        await opened.queue.work([job.forInstance(instance)], { pollIntervalMs: TEST_POLL_MS });
        await opened.queue.schedule(job.definition, { n: 5 }, { everyMs: TICK_MS });
      }

      await vi.waitFor(() => expect(new Set(ticksOf(job.runs)).size).toBeGreaterThanOrEqual(3), WAIT);
      await Promise.all([left.queue.stop(), right.queue.stop()]);
      const ticks = ticksOf(job.runs);
      expect(new Set(ticks).size).toBe(ticks.length);
      for (const tick of ticks) expect(tick % TICK_MS).toBe(0);
      expect(job.runs.every((run) => run.payload.n === 5)).toBe(true);
    });

    it("ticks a cron pattern with seconds on its whole seconds, in its timezone", async () => {
      const job = testJob();
      const { queue } = await queues.open();
      await queue.work([job.definition], { pollIntervalMs: TEST_POLL_MS });
      await queue.schedule(job.definition, { n: 1 }, { cron: "* * * * * *", timezone: "America/New_York" });

      await vi.waitFor(() => expect(new Set(ticksOf(job.runs)).size).toBeGreaterThanOrEqual(2), WAIT);
      for (const tick of ticksOf(job.runs)) expect(tick % 1000).toBe(0);
    });

    it("keeps one schedule per key, each with its payload", async () => {
      const job = testJob();
      const { queue } = await queues.open();
      await queue.work([job.definition], { pollIntervalMs: TEST_POLL_MS });
      await queue.schedule(job.definition, { n: 1 }, { everyMs: TICK_MS }, { key: "trigger-1" });
      await queue.schedule(job.definition, { n: 2 }, { everyMs: TICK_MS }, { key: "trigger-2" });

      await vi.waitFor(() => expect(new Set(job.runs.map((run) => run.payload.n))).toEqual(new Set([1, 2])), WAIT);
    });

    it("runs only the newest missed tick, once, after the queues were down for several periods", async () => {
      const job = testJob();
      const observer = await queues.open();
      const { queue, db } = await queues.open();
      await queue.schedule(job.definition, { n: 1 }, { everyMs: HOUR_MS });
      const latest = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
      // As if every queue had been stopped since three and a half periods ago.
      await db
        .updateTable("job_schedules")
        .set({ last_tick_at: new Date(latest - 3.5 * HOUR_MS).toISOString() })
        .where("name", "=", job.name)
        .execute();

      await queue.work([job.definition], { pollIntervalMs: TEST_POLL_MS });
      await vi.waitFor(() => expect(job.runs).toHaveLength(1), WAIT);
      await queue.stop();
      expect(ticksOf(job.runs)).toEqual([latest]);
      for (const periods of [1, 2, 3]) {
        const missed = tickJobId({ name: job.name, key: "", tick: new Date(latest - periods * HOUR_MS) });
        expect(await observer.queue.getJob(missed)).toBeUndefined();
      }
    });

    it("stops ticking a schedule once it is unscheduled", async () => {
      const removed = testJob();
      const clock = testJob();
      const { queue } = await queues.open();
      await queue.work([removed.definition, clock.definition], { pollIntervalMs: TEST_POLL_MS });
      await queue.schedule(removed.definition, { n: 1 }, { everyMs: TICK_MS });
      await queue.schedule(clock.definition, { n: 1 }, { everyMs: TICK_MS });
      await vi.waitFor(() => expect(removed.runs.length).toBeGreaterThanOrEqual(1), WAIT);

      await queue.unschedule(removed.name);
      const unscheduledAt = Date.now();
      await vi.waitFor(
        () => expect(Math.max(...ticksOf(clock.runs))).toBeGreaterThan(unscheduledAt + 2 * TICK_MS),
        WAIT,
      );
      expect(ticksOf(removed.runs).filter((tick) => tick > unscheduledAt)).toEqual([]);
    });

    it("refuses a pattern it cannot parse, an unknown timezone and a bad interval", async () => {
      const job = testJob();
      const { queue } = await queues.open();
      await expect(queue.schedule(job.definition, { n: 1 }, { cron: "every tuesday" })).rejects.toThrow(
        /Invalid schedule/,
      );
      await expect(
        queue.schedule(job.definition, { n: 1 }, { cron: "0 9 * * *", timezone: "Mars/Olympus" }),
      ).rejects.toThrow(/Invalid schedule/);
      await expect(queue.schedule(job.definition, { n: 1 }, { everyMs: 0 })).rejects.toThrow(/interval/);
      await expect(queue.schedule(job.definition, { n: "x" } as never, { everyMs: 1000 })).rejects.toThrow(
        /Invalid payload/,
      );
    });
  });
}
