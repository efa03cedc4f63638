import { runClosedLoop } from "../load/closed-loop.ts";
import { callJson } from "../load/http.ts";
import { loadAverage } from "../machine.ts";
import { replyDurationMs } from "../reply.ts";
import { type Summary, summarize } from "../stats.ts";
import { createConversation } from "../targets/slipstream.ts";
import { slipstreamSseTarget } from "../targets/slipstream-targets.ts";
import { closeAll, warmUp } from "../targets/target.ts";
import type { ScenarioContext } from "./context.ts";

const CALL_INTERVAL_MS = 10;

export type BystanderResult = {
  target: string;
  streams: number;
  /** `GET /api/conversations/:id` latency with nothing else running, and while the streams run, ms. */
  idle: Summary;
  busy: Summary;
  loadAverage: number[];
};

/** Calls the REST endpoint back to back (CALL_INTERVAL_MS apart) until `until` settles; the latencies. */
async function callRepeatedly(url: string, cookie: string, until: Promise<unknown>): Promise<number[]> {
  let running = true;
  void until.finally(() => {
    running = false;
  });
  const latencies: number[] = [];
  while (running) {
    const started = performance.now();
    await callJson(url, { headers: { cookie } });
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, CALL_INTERVAL_MS));
  }
  return latencies;
}

/** A plain authenticated REST call's latency while paced streams run over SSE, on each Slipstream. */
export async function measureBystander({ rig, sizes, log }: ScenarioContext): Promise<BystanderResult[]> {
  const results: BystanderResult[] = [];
  for (const instance of [rig.embedded, rig.scaled]) {
    if (!instance) continue;
    const target = slipstreamSseTarget(instance);
    const cookie = instance.cookies[0] as string;
    const url = `${instance.url}/api/conversations/${await createConversation(instance, cookie)}`;
    const window = new Promise((resolve) => setTimeout(resolve, replyDurationMs(sizes.paced) * 2));
    const idle = await callRepeatedly(url, cookie, window);
    const sessions = await target.openSessions(sizes.bystanderStreams);
    await warmUp(sessions);
    const load = loadAverage();
    const streams = runClosedLoop({
      sessions,
      run: (session) => session.stream(sizes.paced),
      staggerMs: replyDurationMs(sizes.paced),
      streamsPerSession: 2,
    });
    const busy = await callRepeatedly(url, cookie, streams);
    closeAll(sessions);
    const result: BystanderResult = {
      target: target.name,
      streams: sizes.bystanderStreams,
      idle: summarize(idle),
      busy: summarize(busy),
      loadAverage: load,
    };
    log(`bystander ${target.name}: p99 ${result.idle.p99.toFixed(1)} ms idle, ${result.busy.p99.toFixed(1)} ms busy`);
    results.push(result);
  }
  return results;
}
