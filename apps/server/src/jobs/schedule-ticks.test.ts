import { describe, expect, it } from "vitest";
import { assertValidSchedule, latestTickAtOrBefore, nextTickAfter } from "./schedule-ticks.ts";

const at = (iso: string) => new Date(iso);

describe("schedule ticks", () => {
  it("aligns intervals on the epoch, so every process names the same slots", () => {
    const when = { everyMs: 5_000 };
    expect(latestTickAtOrBefore({ when, now: at("2030-01-15T12:00:07.300Z") })).toEqual(at("2030-01-15T12:00:05.000Z"));
    expect(latestTickAtOrBefore({ when, now: at("2030-01-15T12:00:05.000Z") })).toEqual(at("2030-01-15T12:00:05.000Z"));
    expect(nextTickAfter({ when, after: at("2030-01-15T12:00:05.000Z") })).toEqual(at("2030-01-15T12:00:10.000Z"));
  });

  it("reads a 5-field cron in its timezone, across daylight saving time", () => {
    const when = { cron: "0 9 * * *", timezone: "Europe/Paris" };
    expect(latestTickAtOrBefore({ when, now: at("2030-01-15T10:00:00Z") })).toEqual(at("2030-01-15T08:00:00Z"));
    expect(latestTickAtOrBefore({ when, now: at("2030-07-15T10:00:00Z") })).toEqual(at("2030-07-15T07:00:00Z"));
    expect(nextTickAfter({ when, after: at("2030-07-15T07:00:00Z") })).toEqual(at("2030-07-16T07:00:00Z"));
  });

  it("counts a 6-field cron in seconds, and a tick exactly now as due", () => {
    const when = { cron: "*/15 * * * * *" };
    expect(latestTickAtOrBefore({ when, now: at("2030-01-15T12:00:07Z") })).toEqual(at("2030-01-15T12:00:00Z"));
    expect(latestTickAtOrBefore({ when, now: at("2030-01-15T12:00:15Z") })).toEqual(at("2030-01-15T12:00:15Z"));
    expect(nextTickAfter({ when, after: at("2030-01-15T12:00:15Z") })).toEqual(at("2030-01-15T12:00:30Z"));
  });

  it("refuses what it cannot tick", () => {
    expect(() => assertValidSchedule({ cron: "61 * * * *" })).toThrow(/Invalid schedule/);
    expect(() => assertValidSchedule({ cron: "* * * *" })).toThrow(/Invalid schedule/);
    expect(() => assertValidSchedule({ cron: "0 9 * * *", timezone: "Nowhere/Special" })).toThrow(/Invalid schedule/);
    expect(() => assertValidSchedule({ everyMs: 1.5 })).toThrow(/interval/);
    expect(() => assertValidSchedule({ everyMs: 2 ** 31 })).toThrow(/interval/);
    expect(() => assertValidSchedule({ cron: "30 8 * * 1-5", timezone: "America/New_York" })).not.toThrow();
  });
});
