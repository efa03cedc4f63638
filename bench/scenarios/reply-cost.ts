import { runClosedLoop } from "../load/closed-loop.ts";
import { type Integrity, integrityOf } from "../load/integrity.ts";
import { startCpuWindow } from "../process/cpu-window.ts";
import type { ReplyShape } from "../reply.ts";
import { summarize } from "../stats.ts";
import { closeAll, type Target, warmUp } from "../targets/target.ts";
import type { ScenarioContext } from "./context.ts";

/** The smallest reply: its CPU is what a reply costs whatever its length (requests, session, writes, bus). */
const TINY: ReplyShape = { deltas: 2, deltaBytes: 16, intervalMs: 0 };
const SESSIONS = 10;

export type ReplyCostResult = {
  target: string;
  rounds: number;
  /** Median over interleaved rounds of the target process's CPU per tiny reply, ms. */
  cpuMsPerReply: number;
  /** Median of its CPU per token of the paced reply, its per-reply work included, µs. */
  cpuMicrosPerPacedToken: number;
  pacedDeltas: number;
  /** Median over rounds of the text-delta events a client received per paced reply (fewer when coalesced). */
  deltaEventsPerPacedReply: number;
  integrity: Integrity;
};

async function cpuOf(target: Target, shape: ReplyShape, streamsPerSession: number) {
  const sessions = await target.openSessions(SESSIONS);
  await warmUp(sessions);
  const cpu = await startCpuWindow(target.process ? [target.process] : []);
  const { outcomes } = await runClosedLoop({
    sessions,
    run: (session) => session.stream(shape),
    staggerMs: shape.intervalMs === 0 ? 0 : shape.intervalMs * 5,
    streamsPerSession,
  });
  const spent = target.process ? ((await cpu.stop())[target.process.name] ?? 0) : 0;
  closeAll(sessions);
  // Per token the provider sent, not per delta event received: coalescing sends several tokens in one event.
  const tokens = outcomes.length * shape.deltas;
  const events = outcomes.reduce((sum, outcome) => sum + outcome.deltas, 0);
  return {
    msPerReply: spent / outcomes.length,
    microsPerToken: (spent * 1000) / Math.max(tokens, 1),
    deltaEventsPerReply: events / Math.max(outcomes.length, 1),
    outcomes,
  };
}

/**
 * CPU per reply and per token of Slipstream next to the AI SDK route and the bare relay, in the same run: rounds
 * interleave the targets (in turned order each round), so that the machine's other work lands on all of them, and
 * each number is the median of its rounds. CPU time, not wall time: a shared machine stretches wall time.
 */
export async function measureReplyCost({ rig, sizes, log }: ScenarioContext): Promise<ReplyCostResult[]> {
  const targets = [...rig.slipstream, ...rig.peers].filter(
    (target) => target.name.startsWith("slipstream") || /^(bare relay|ai sdk route) sse/.test(target.name),
  );
  const samples = new Map(
    targets.map((target) => [
      target,
      {
        reply: [] as number[],
        token: [] as number[],
        events: [] as number[],
        outcomes: [] as Awaited<ReturnType<typeof cpuOf>>["outcomes"],
      },
    ]),
  );
  for (let round = 0; round < sizes.replyCostRounds; round += 1) {
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    for (const target of order) {
      const sample = samples.get(target);
      if (!sample) continue;
      const tiny = await cpuOf(target, TINY, sizes.replyCostTinyPerSession);
      const paced = await cpuOf(target, sizes.paced, 1);
      sample.reply.push(tiny.msPerReply);
      sample.token.push(paced.microsPerToken);
      sample.events.push(paced.deltaEventsPerReply);
      sample.outcomes.push(...tiny.outcomes, ...paced.outcomes);
    }
    log(`reply cost: round ${round + 1} of ${sizes.replyCostRounds}`);
  }
  return targets.map((target) => {
    const sample = samples.get(target) ?? { reply: [], token: [], events: [], outcomes: [] };
    const result: ReplyCostResult = {
      target: target.name,
      rounds: sizes.replyCostRounds,
      cpuMsPerReply: summarize(sample.reply).p50,
      cpuMicrosPerPacedToken: summarize(sample.token).p50,
      pacedDeltas: sizes.paced.deltas,
      deltaEventsPerPacedReply: summarize(sample.events).p50,
      integrity: integrityOf(sample.outcomes),
    };
    log(
      `reply cost ${target.name}: ${result.cpuMsPerReply.toFixed(2)} ms CPU per reply, ` +
        `${result.cpuMicrosPerPacedToken.toFixed(1)} µs per paced token, ` +
        `${result.deltaEventsPerPacedReply} delta events per paced reply of ${result.pacedDeltas} tokens`,
    );
    return result;
  });
}
