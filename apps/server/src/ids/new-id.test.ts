import { validate, version } from "uuid";
import { afterEach, describe, expect, it, vi } from "vitest";
import { newId } from "./new-id.ts";

const millisecondsOf = (id: string) => Number.parseInt(id.replaceAll("-", "").slice(0, 12), 16);

describe("newId", () => {
  afterEach(() => vi.useRealTimers());

  it("makes valid version-7 UUIDs stamped with the current millisecond", () => {
    vi.useFakeTimers({ now: new Date("2026-12-02T15:00:00.000Z") });
    const id = newId();
    expect(validate(id)).toBe(true);
    expect(version(id)).toBe(7);
    expect(millisecondsOf(id)).toBe(Date.parse("2026-12-02T15:00:00.000Z"));
  });

  it("makes distinct ids that sort in the order they were made, many within one millisecond and across pool refills", () => {
    vi.useFakeTimers({ now: new Date("2026-12-02T15:00:01.000Z") });
    const ids = Array.from({ length: 5_000 }, newId);
    vi.advanceTimersByTime(1);
    ids.push(...Array.from({ length: 5_000 }, newId));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it("keeps counting up when the clock steps back", () => {
    vi.useFakeTimers({ now: new Date("2026-12-02T15:00:05.000Z") });
    const before = newId();
    vi.setSystemTime(new Date("2026-12-02T14:59:00.000Z"));
    const after = newId();
    expect(after > before).toBe(true);
    expect(millisecondsOf(after)).toBe(Date.parse("2026-12-02T15:00:05.000Z"));
  });
});
