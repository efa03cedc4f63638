import { describe, expect, it } from "vitest";
import { DELIVERY_MAX_DELAY_MS, DELIVERY_RETRY_WINDOW_MS, nextDeliveryAttempt } from "./delivery-backoff.ts";

const createdAt = new Date("2026-01-01T00:00:00Z");
const after = (ms: number) => new Date(createdAt.getTime() + ms);

describe("outbound delivery backoff", () => {
  it("doubles the wait after each failed attempt, at most an hour apart", () => {
    const waits = [1, 2, 3, 4, 5, 20].map(
      (attempts) =>
        (nextDeliveryAttempt({ attempts, createdAt, now: createdAt, baseMs: 10_000 })?.getTime() ?? 0) -
        createdAt.getTime(),
    );
    expect(waits).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, DELIVERY_MAX_DELAY_MS]);
  });

  it("stops 24 hours after the event: the last attempt is at the deadline, then none", () => {
    const nearEnd = after(DELIVERY_RETRY_WINDOW_MS - 60_000);
    expect(nextDeliveryAttempt({ attempts: 30, createdAt, now: nearEnd, baseMs: 10_000 })).toEqual(
      after(DELIVERY_RETRY_WINDOW_MS),
    );
    expect(
      nextDeliveryAttempt({ attempts: 31, createdAt, now: after(DELIVERY_RETRY_WINDOW_MS), baseMs: 10_000 }),
    ).toBeNull();
  });
});
