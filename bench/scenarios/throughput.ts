import { runClosedLoop } from "../load/closed-loop.ts";
import { type Integrity, integrityOf } from "../load/integrity.ts";
import { loadAverage } from "../machine.ts";
import { startCpuWindow } from "../process/cpu-window.ts";
import { watchRedisClients } from "../process/redis-clients.ts";
import { type ReplyShape, UNPACED } from "../reply.ts";
import type { Rig } from "../rig.ts";
import { closeAll, type Session, type Target, warmUp } from "../targets/target.ts";
import type { ScenarioContext } from "./context.ts";

export type ThroughputResult = {
  target: string;
  concurrency: number;
  wallMs: number;
  streams: number;
  eventsPerSecond: number;
  deltasPerSecond: number;
  /** CPU time of the target's own process per delivered event and per delivered text delta, µs. */
  cpuMicrosPerEvent?: number;
  cpuMicrosPerDelta?: number;
  /** CPU ms of every process involved over the window, so that a saturated load generator shows. */
  cpuMs: Record<string, number>;
  /** Most connections to Redis at once during the window, for targets that use Redis. */
  redisClientsPeak?: number;
  integrity: Integrity;
  loadAverage: number[];
};

/** Clients start over this long rather than in one burst of new connections. */
const STAGGER_MS = 500;

/** The processes whose CPU a target's run costs: its own, the provider's, and Redis for the scaled ones. */
const involved = (rig: Rig, target: Target) => [...(target.process ? [target.process] : []), rig.provider];

/** Runs `sessions` (already warm) in a closed loop for `durationMs` and measures delivery and CPU. */
export async function measureSessions(
  rig: Rig,
  target: Target,
  sessions: Session[],
  {
    durationMs,
    shape = UNPACED,
    staggerMs = STAGGER_MS,
  }: { durationMs: number; shape?: ReplyShape; staggerMs?: number },
): Promise<ThroughputResult> {
  const load = loadAverage();
  const redisUrl = target.usesRedis ? rig.redisUrl : undefined;
  const cpu = await startCpuWindow(involved(rig, target), redisUrl);
  const redisClients = redisUrl ? await watchRedisClients(redisUrl) : undefined;
  const { outcomes, wallMs } = await runClosedLoop({
    sessions,
    run: (session) => session.stream(shape),
    staggerMs,
    durationMs,
  });
  const cpuMs = await cpu.stop();
  const redisClientsPeak = await redisClients?.stop();
  const events = outcomes.reduce((sum, outcome) => sum + outcome.events, 0);
  const deltas = outcomes.reduce((sum, outcome) => sum + outcome.deltas, 0);
  const ownCpuMs = target.process ? cpuMs[target.process.name] : undefined;
  return {
    target: target.name,
    concurrency: sessions.length,
    wallMs,
    streams: outcomes.length,
    eventsPerSecond: (events * 1000) / wallMs,
    deltasPerSecond: (deltas * 1000) / wallMs,
    cpuMicrosPerEvent: ownCpuMs === undefined ? undefined : (ownCpuMs * 1000) / events,
    cpuMicrosPerDelta: ownCpuMs === undefined ? undefined : (ownCpuMs * 1000) / deltas,
    cpuMs,
    redisClientsPeak,
    integrity: integrityOf(outcomes),
    loadAverage: load,
  };
}

export async function measureThroughputOf(
  rig: Rig,
  target: Target,
  { concurrency, durationMs }: { concurrency: number; durationMs: number },
): Promise<ThroughputResult> {
  const sessions = await target.openSessions(concurrency);
  await warmUp(sessions);
  try {
    return await measureSessions(rig, target, sessions, { durationMs });
  } finally {
    closeAll(sessions);
  }
}

/** Stream events delivered per second with a provider that writes whole replies at once, and CPU per event. */
export async function measureThroughput({ rig, sizes, log }: ScenarioContext): Promise<ThroughputResult[]> {
  const results: ThroughputResult[] = [];
  for (const concurrency of sizes.throughputConcurrency) {
    for (const target of [rig.direct, ...rig.slipstream, ...rig.peers]) {
      const result = await measureThroughputOf(rig, target, { concurrency, durationMs: sizes.throughputMs });
      log(
        `throughput ${target.name} ×${concurrency}: ${Math.round(result.eventsPerSecond)} events/s, ` +
          `${result.cpuMicrosPerEvent?.toFixed(1) ?? "–"} µs CPU/event`,
      );
      results.push(result);
    }
  }
  return results;
}
