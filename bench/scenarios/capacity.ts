import { monitorEventLoopDelay } from "node:perf_hooks";
import { runClosedLoop } from "../load/closed-loop.ts";
import { type Integrity, integrityOf, isIntact } from "../load/integrity.ts";
import { loadAverage } from "../machine.ts";
import { summarize } from "../stats.ts";
import { closeAll, type Target, warmUp } from "../targets/target.ts";
import type { ScenarioContext } from "./context.ts";

/** A gap over five pacing intervals between two deltas of a stream counts as a stall. */
const GAP_FACTOR = 5;

export type CapacityLevel = {
  streams: number;
  passed: boolean;
  maxGapMs: number;
  p99GapMs: number;
  integrity: Integrity;
  /** The load generator's own event-loop delay p99, ms: when high, gaps are partly the generator's. */
  loadGeneratorLagP99Ms: number;
  loadAverage: number[];
};

export type CapacityResult = { target: string; sustained: number; levels: CapacityLevel[] };

async function runLevel(target: Target, streams: number, sizes: ScenarioContext["sizes"]): Promise<CapacityLevel> {
  const shape = { ...sizes.paced, deltas: sizes.capacityDeltas };
  const sessions = await target.openSessions(streams);
  await warmUp(sessions);
  const load = loadAverage();
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const { outcomes } = await runClosedLoop({
    sessions,
    run: (session) => session.stream(shape),
    staggerMs: sizes.capacityRampMs,
    streamsPerSession: 1,
  });
  lag.disable();
  closeAll(sessions);
  const gaps = outcomes.filter((outcome) => !outcome.error).map((outcome) => outcome.maxGapMs);
  const gapSummary = summarize(gaps);
  const integrity = integrityOf(outcomes);
  const maxGapMs = gaps.length ? gapSummary.max : Number.NaN;
  return {
    streams,
    passed: isIntact(integrity) && maxGapMs <= GAP_FACTOR * shape.intervalMs,
    maxGapMs,
    p99GapMs: gapSummary.p99,
    integrity,
    loadGeneratorLagP99Ms: lag.percentile(99) / 1e6,
    loadAverage: load,
  };
}

/** The most concurrent paced streams each target carries with no event lost and no gap over 100 ms. */
export async function measureCapacity({ rig, sizes, log }: ScenarioContext): Promise<CapacityResult[]> {
  const results: CapacityResult[] = [];
  for (const target of [rig.direct, ...rig.slipstream, ...rig.peers]) {
    const levels: CapacityLevel[] = [];
    for (const streams of sizes.capacityLevels) {
      const level = await runLevel(target, streams, sizes);
      levels.push(level);
      log(
        `capacity ${target.name} ×${streams}: ${level.passed ? "ok" : "FAILED"}, max gap ${level.maxGapMs.toFixed(0)} ms, ` +
          `${level.integrity.failed} failed, generator lag p99 ${level.loadGeneratorLagP99Ms.toFixed(0)} ms`,
      );
      if (!level.passed) break;
    }
    const sustained = levels.filter((level) => level.passed).at(-1)?.streams ?? 0;
    results.push({ target: target.name, sustained, levels });
  }
  return results;
}
