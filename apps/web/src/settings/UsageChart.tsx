import type { UsageReport } from "@slipstream/protocol";
import { formatCost, formatTokens } from "./format.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
const HEIGHT = 140;

/** Every UTC day of [from, to), each with its usage or none. */
export function daysOf(report: Pick<UsageReport, "from" | "to" | "byDay">) {
  const byDay = new Map(report.byDay.map((day) => [day.day, day]));
  const days = [];
  for (let time = Date.parse(report.from); time < Date.parse(report.to); time += DAY_MS) {
    const day = new Date(time).toISOString().slice(0, 10);
    const entry = byDay.get(day);
    days.push({ day, tokens: entry ? entry.inputTokens + entry.outputTokens : 0, costUsd: entry?.costUsd ?? null });
  }
  return days;
}

/** Tokens per day as bars, each bar titled with its numbers; the table below says the same for screen readers. */
export function UsageChart({ report }: { report: UsageReport }) {
  const days = daysOf(report);
  const max = Math.max(1, ...days.map((day) => day.tokens));
  const width = 100 / Math.max(days.length, 1);
  return (
    <figure className="usage-chart">
      <svg viewBox={`0 0 100 ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label="Tokens by day">
        {days.map((day, index) => {
          const height = (day.tokens / max) * (HEIGHT - 4);
          return (
            <rect
              key={day.day}
              x={index * width + width * 0.15}
              y={HEIGHT - height}
              width={width * 0.7}
              height={height}
              className="usage-bar"
            >
              <title>{`${day.day}: ${formatTokens(day.tokens)} tokens, ${formatCost(day.costUsd)}`}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption className="usage-axis">
        <span>{days[0]?.day}</span>
        <span>{days.at(-1)?.day}</span>
      </figcaption>
    </figure>
  );
}
