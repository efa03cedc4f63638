import { describe, expect, it } from "vitest";
import { createFrameBudget } from "./frame-budget.ts";

describe("frame budget", () => {
  it("allows a burst, refuses past it, and refills with time", () => {
    let time = 0;
    const budget = createFrameBudget({ perSecond: 3, now: () => time });
    expect([budget.take(), budget.take(), budget.take(), budget.take()]).toEqual([true, true, true, false]);
    expect(budget.strikes).toBe(1);
    time += 1000 / 3;
    expect(budget.take()).toBe(true);
    expect(budget.take()).toBe(false);
  });
});
