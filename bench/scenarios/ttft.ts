import { runClosedLoop } from "../load/closed-loop.ts";
import { type Integrity, integrityOf } from "../load/integrity.ts";
import type { StreamOutcome } from "../load/stream-record.ts";
import { loadAverage } from "../machine.ts";
import { type ReplyShape, replyDurationMs } from "../reply.ts";
import { type Summary, summarize } from "../stats.ts";
import { closeAll, type Session, warmUp } from "../targets/target.ts";
import type { ScenarioContext } from "./context.ts";

export type TtftResult = {
  target: string;
  concurrency: number;
  direct: Summary;
  through: Summary;
  /** Percentile of the target minus the same percentile of the provider called directly, ms. */
  addedP50: number;
  addedP99: number;
  integrity: Integrity;
  loadAverage: number[];
};

async function round(sessions: Session[], shape: ReplyShape, streamsPerSession: number) {
  const { outcomes } = await runClosedLoop({
    sessions,
    run: (session) => session.stream(shape),
    staggerMs: replyDurationMs(shape),
    streamsPerSession,
  });
  return outcomes;
}

const ttfts = (outcomes: StreamOutcome[]) => outcomes.filter((outcome) => !outcome.error).map((o) => o.ttftMs);

/**
 * Time to first token added over calling the provider directly: at each concurrency, rounds through the target and
 * rounds straight to the provider alternate, so that machine noise falls on both alike.
 */
export async function measureTtft({ rig, sizes, log }: ScenarioContext): Promise<TtftResult[]> {
  const results: TtftResult[] = [];
  for (const concurrency of sizes.ttftConcurrency) {
    const single = concurrency === 1;
    const shape = single ? { ...sizes.paced, deltas: 8 } : sizes.paced;
    const streamsPerSession = single ? Math.ceil(sizes.ttftSamplesAtOne / sizes.ttftRounds) : 1;
    for (const target of [...rig.slipstream, ...rig.peers]) {
      const directSessions = await rig.direct.openSessions(concurrency);
      const targetSessions = await target.openSessions(concurrency);
      await warmUp(directSessions);
      await warmUp(targetSessions);
      const load = loadAverage();
      const direct: StreamOutcome[] = [];
      const through: StreamOutcome[] = [];
      for (let index = 0; index < sizes.ttftRounds; index += 1) {
        direct.push(...(await round(directSessions, shape, streamsPerSession)));
        through.push(...(await round(targetSessions, shape, streamsPerSession)));
      }
      closeAll(targetSessions);
      const directSummary = summarize(ttfts(direct));
      const throughSummary = summarize(ttfts(through));
      const result: TtftResult = {
        target: target.name,
        concurrency,
        direct: directSummary,
        through: throughSummary,
        addedP50: throughSummary.p50 - directSummary.p50,
        addedP99: throughSummary.p99 - directSummary.p99,
        integrity: integrityOf(through),
        loadAverage: load,
      };
      const signed = (value: number) => `${value >= 0 ? "+" : ""}${value.toFixed(1)}`;
      log(`ttft ${target.name} ×${concurrency}: ${signed(result.addedP50)} ms p50, ${signed(result.addedP99)} ms p99`);
      results.push(result);
    }
  }
  return results;
}
