import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { daysOf, UsageChart } from "./UsageChart.tsx";

const report = {
  from: "2031-01-01T00:00:00.000Z",
  to: "2031-01-04T00:00:00.000Z",
  totals: { generations: 2, inputTokens: 30, outputTokens: 20, costUsd: 0.5 },
  byModel: [],
  byDay: [
    { day: "2031-01-01", generations: 1, inputTokens: 10, outputTokens: 10, costUsd: 0.25 },
    { day: "2031-01-03", generations: 1, inputTokens: 20, outputTokens: 10, costUsd: null },
  ],
};

describe("the usage chart", () => {
  it("has a bar for every day of the range, empty days included, tallest for the busiest", () => {
    expect(daysOf(report).map((day) => [day.day, day.tokens])).toEqual([
      ["2031-01-01", 20],
      ["2031-01-02", 0],
      ["2031-01-03", 30],
    ]);
    const { container } = render(<UsageChart report={report} />);
    expect(screen.getByRole("img", { name: "Tokens by day" })).toBeTruthy();
    const heights = [...container.querySelectorAll("rect")].map((bar) => Number(bar.getAttribute("height")));
    expect(heights[2]).toBeGreaterThan(heights[0] ?? 0);
    expect(heights[1]).toBe(0);
    expect(container.querySelector("title")?.textContent).toBe("2031-01-01: 20 tokens, $0.25");
  });
});
