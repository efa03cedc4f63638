import type { Kysely } from "kysely";
import { v5 as uuidv5 } from "uuid";
import { latestTickAtOrBefore, nextTickAfter } from "./schedule-ticks.ts";
import { createSchedulesRepository, type StoredSchedule } from "./schedules.repository.ts";
import type { JobTables } from "./tables.ts";

/** How often a working queue re-reads the schedules, to pick up those another process stored or removed. */
export const SCHEDULE_REFRESH_MS = 5_000;

const TICK_ID_NAMESPACE = "d353ea51-8af4-4513-ae47-8d9f9fae7011";

/**
 * Enqueues the job of one tick under `jobId`; a second enqueue of the same id must do nothing. Resolves
 * false, leaving the tick to other processes, when this one does not know the schedule's kind.
 */
export type EnqueueTick = (input: { schedule: StoredSchedule; tick: Date; jobId: string }) => Promise<boolean>;

/**
 * The job id of a tick is derived from the schedule and the tick time, so every process that enqueues
 * the tick writes the same id and the database keeps one: a primary key, not a lock, makes it run once.
 */
export function tickJobId({ name, key, tick }: { name: string; key: string; tick: Date }): string {
  return uuidv5(`${name}\u0000${key}\u0000${tick.toISOString()}`, TICK_ID_NAMESPACE);
}

/**
 * Ticks the stored schedules from one working queue: at each pass it enqueues every tick that is
 * due, then sleeps until the soonest next tick (or the refresh period). Each adapter supplies how a
 * tick is enqueued.
 */
export function createScheduler({
  db,
  enqueueTick,
  onError,
  refreshMs = SCHEDULE_REFRESH_MS,
}: {
  db: Kysely<JobTables>;
  enqueueTick: EnqueueTick;
  onError: (error: Error) => void;
  refreshMs?: number;
}) {
  const schedules = createSchedulesRepository({ db });
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let passing: Promise<void> | undefined;
  let passAgain = false;

  async function tickDueSchedules(): Promise<void> {
    const now = new Date();
    let wakeAt = now.getTime() + refreshMs;
    for (const schedule of await schedules.listSchedules()) {
      try {
        // Missed ticks run once: after a restart (or any pause) longer than a period, only the newest
        // tick since the last one enqueued runs, and it runs now. A nightly job still happens after a
        // deploy that straddled its hour, and a sweep every few seconds does not replay a backlog.
        const due = latestTickAtOrBefore({ when: schedule.when, now });
        if (due !== null && due > schedule.lastTickAt) {
          const enqueued = await enqueueTick({ schedule, tick: due, jobId: tickJobId({ ...schedule, tick: due }) });
          if (enqueued) await schedules.recordTick({ ...schedule, tick: due });
        }
        const upcoming = nextTickAfter({ when: schedule.when, after: now });
        if (upcoming !== null) wakeAt = Math.min(wakeAt, upcoming.getTime());
      } catch (error) {
        // One broken schedule (an unknown kind, a bad stored payload) must not hold up the others.
        onError(new Error(`Schedule ${schedule.name}/${schedule.key} failed to tick`, { cause: error }));
      }
    }
    if (running) arm(wakeAt - Date.now());
  }

  function arm(delayMs: number): void {
    clearTimeout(timer);
    timer = setTimeout(wake, Math.max(0, delayMs));
  }

  /** Runs a pass now, or right after the one under way. */
  function wake(): void {
    if (!running) return;
    if (passing !== undefined) {
      passAgain = true;
      return;
    }
    passing = tickDueSchedules()
      .catch((error: unknown) => {
        onError(new Error("Reading the job schedules failed", { cause: error }));
        if (running) arm(refreshMs);
      })
      .finally(() => {
        passing = undefined;
        if (passAgain) {
          passAgain = false;
          wake();
        }
      });
  }

  return {
    ...schedules,
    start(): void {
      if (running) return;
      running = true;
      wake();
    },
    wake,
    async stop(): Promise<void> {
      running = false;
      clearTimeout(timer);
      await passing;
    },
  };
}
