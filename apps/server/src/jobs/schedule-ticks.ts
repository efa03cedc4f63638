import { Cron } from "croner";
import type { ScheduleWhen } from "./types.ts";

/** Stored as a 32-bit integer on Postgres; longer periods read better as a cron anyway. */
const MAX_INTERVAL_MS = 2 ** 31 - 1;

/**
 * Ticks are the nominal times a schedule stands for, the same in every process: a cron pattern's
 * matches in its timezone (croner), or multiples of `everyMs` since the Unix epoch. Naming a tick
 * this way, rather than "now" in whichever process noticed it, is what lets two processes agree that
 * they are enqueueing the same tick. croner's own `interval` option counts from each process's
 * previous run, so it cannot name a shared tick, and intervals are computed here instead.
 */
export function latestTickAtOrBefore({ when, now }: { when: ScheduleWhen; now: Date }): Date | null {
  if ("everyMs" in when) return new Date(Math.floor(now.getTime() / when.everyMs) * when.everyMs);
  // croner looks strictly before its reference, and a timer may fire exactly on a tick's millisecond.
  return toCron(when).previousRuns(1, new Date(now.getTime() + 1))[0] ?? null;
}

export function nextTickAfter({ when, after }: { when: ScheduleWhen; after: Date }): Date | null {
  if ("everyMs" in when) return new Date((Math.floor(after.getTime() / when.everyMs) + 1) * when.everyMs);
  return toCron(when).nextRun(after);
}

/** Throws a readable error for a pattern croner cannot parse, an unknown timezone or a bad interval. */
export function assertValidSchedule(when: ScheduleWhen): void {
  if ("everyMs" in when) {
    if (!Number.isInteger(when.everyMs) || when.everyMs < 1 || when.everyMs > MAX_INTERVAL_MS) {
      throw new Error(`A schedule interval must be a whole number of milliseconds from 1 to ${MAX_INTERVAL_MS}.`);
    }
    return;
  }
  try {
    toCron(when).nextRun();
  } catch (error) {
    throw new Error(`Invalid schedule "${when.cron}" (${when.timezone ?? "UTC"}): ${String(error)}`, { cause: error });
  }
}

function toCron({ cron, timezone }: { cron: string; timezone?: string }): Cron {
  // Without a callback croner only computes dates; it starts no timer.
  return new Cron(cron, { timezone: timezone ?? "UTC", mode: "5-or-6-parts" });
}
