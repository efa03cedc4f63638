import { setTimeout as sleep } from "node:timers/promises";
import { decodeUiPart } from "../load/decoders.ts";
import { call, readText } from "../load/http.ts";
import { type Integrity, integrityOf } from "../load/integrity.ts";
import { readSse } from "../load/sse.ts";
import {
  createStreamRecord,
  failedOutcome,
  observeRecord,
  type StreamOutcome,
  type StreamRecord,
} from "../load/stream-record.ts";
import { loadAverage } from "../machine.ts";
import type { Child } from "../process/spawn.ts";
import { expectedTextOf, type ReplyShape } from "../reply.ts";
import { type Summary, summarize } from "../stats.ts";
import { followOverSse, type Seat, type SlipstreamInstance, sendOverRest, takeSeats } from "../targets/slipstream.ts";
import { openSlipstreamSocket, type SlipstreamSocket } from "../targets/slipstream-socket.ts";
import { chatBody, newChatPath } from "../targets/ui-stream-sse.ts";
import type { ScenarioContext } from "./context.ts";

/** The client drops its connection after this many text deltas, and comes back this much later. */
const DELTAS_BEFORE_DROP = 4;
const OFFLINE_MS = 60;

export type ResumeResult = {
  target: string;
  concurrentResumes: number;
  /** From starting the reconnection (a fresh TCP connection, and the upgrade on WebSocket) to the first missed event. */
  resumeMs: Summary;
  integrity: Integrity;
  loadAverage: number[];
};

type Resumed = { outcome: StreamOutcome; resumeMs: number };

/** Follows a stream with a connection cut after a few deltas, then reconnects at the last offset it had. */
type ResumeDriver = { name: string; prepare(count: number): Promise<((shape: ReplyShape) => Promise<Resumed>)[]> };

/** Runs `reconnect`, timing from its start to the first event it delivers to `record`. */
async function timedResume(record: StreamRecord, reconnect: (record: StreamRecord) => Promise<StreamOutcome>) {
  const started = performance.now();
  let firstEventAt = Number.NaN;
  const outcome = await reconnect(
    observeRecord(record, {
      onEvent: () => {
        if (Number.isNaN(firstEventAt)) firstEventAt = performance.now();
      },
    }),
  );
  return { outcome, resumeMs: firstEventAt - started };
}

/** The record, with `drop` called once it has taken DELTAS_BEFORE_DROP text deltas. */
const dropAfterDeltas = (record: StreamRecord, drop: () => void) =>
  observeRecord(record, { onDelta: () => record.deltas === DELTAS_BEFORE_DROP && drop() });

function slipstreamSse(instance: SlipstreamInstance): ResumeDriver {
  return {
    name: `slipstream sse (${instance.label})`,
    async prepare(count) {
      return (await takeSeats(instance, count)).map((seat: Seat) => async (shape: ReplyShape) => {
        const record = createStreamRecord({ expectedText: expectedTextOf(shape) });
        const streamId = await sendOverRest(instance, seat, shape);
        const cut = new AbortController();
        const { cookie } = seat;
        await followOverSse(instance, {
          cookie,
          streamId,
          record: dropAfterDeltas(record, () => cut.abort()),
          signal: cut.signal,
        });
        await sleep(OFFLINE_MS);
        return timedResume(record, (timed) =>
          followOverSse(instance, { cookie, streamId, after: record.lastSeq, record: timed, agent: false }),
        );
      });
    },
  };
}

function slipstreamWs(instance: SlipstreamInstance): ResumeDriver {
  return {
    name: `slipstream ws (${instance.label})`,
    async prepare(count) {
      return (await takeSeats(instance, count)).map((seat: Seat) => async (shape: ReplyShape) => {
        const record = createStreamRecord({ expectedText: expectedTextOf(shape) });
        const first = await openSlipstreamSocket(instance, seat.cookie);
        const streamId = await first.send(seat, shape);
        await first.follow(streamId, dropAfterDeltas(record, first.terminate));
        await sleep(OFFLINE_MS);
        let second: SlipstreamSocket | undefined;
        try {
          return await timedResume(record, async (timed) => {
            second = await openSlipstreamSocket(instance, seat.cookie);
            return second.follow(streamId, timed, record.lastSeq);
          });
        } finally {
          second?.close();
        }
      });
    },
  };
}

/** resumable-stream resumes by character offset: the client counts the characters of the events it took. */
function resumable(process: Child): ResumeDriver {
  const resumeOnce = async (shape: ReplyShape): Promise<Resumed> => {
    const record = createStreamRecord({ expectedText: expectedTextOf(shape) });
    const path = newChatPath();
    const cut = new AbortController();
    let characters = 0;
    const { response } = await call(`${process.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: chatBody(shape),
      signal: cut.signal,
    });
    await readSse(response, (data, id, rawLength) => {
      if (cut.signal.aborted) return;
      characters += rawLength;
      decodeUiPart(data, record, id);
      if (record.deltas === DELTAS_BEFORE_DROP) cut.abort();
    }).catch(() => undefined);
    await sleep(OFFLINE_MS);
    return timedResume(record, async (timed) => {
      const resumed = await call(`${process.url}${path}/stream?skip=${characters}`, { agent: false });
      if (resumed.response.statusCode !== 200) {
        return timed.finish({
          error: `resume answered ${resumed.response.statusCode} ${await readText(resumed.response)}`,
        });
      }
      let done = false;
      await readSse(resumed.response, (data, id) => {
        done = decodeUiPart(data, timed, id) || done;
      });
      return timed.finish(done ? {} : { error: "the resumed stream ended without [DONE]" });
    });
  };
  return { name: "resumable-stream sse", prepare: async (count) => Array(count).fill(resumeOnce) };
}

/** Many paced streams at once, each cut after a few deltas and resumed at its offset a moment later. */
export async function measureResume({ rig, sizes, log }: ScenarioContext): Promise<ResumeResult[]> {
  const drivers: ResumeDriver[] = [rig.embedded, rig.scaled].flatMap((instance) =>
    instance ? [slipstreamSse(instance), slipstreamWs(instance)] : [],
  );
  const resumableProcess = rig.peers.find((peer) => peer.name === "resumable-stream sse")?.process;
  if (resumableProcess) drivers.push(resumable(resumableProcess));
  const results: ResumeResult[] = [];
  for (const concurrency of sizes.resumeConcurrency) {
    for (const driver of drivers) {
      const clients = await driver.prepare(concurrency);
      const load = loadAverage();
      const stagger = sizes.paced.intervalMs * sizes.paced.deltas;
      const runs = await Promise.all(
        clients.map(async (resumeOnce, index) => {
          await sleep((index / clients.length) * stagger);
          return resumeOnce(sizes.paced).catch(
            (error: unknown): Resumed => ({ outcome: failedOutcome(error), resumeMs: Number.NaN }),
          );
        }),
      );
      const result: ResumeResult = {
        target: driver.name,
        concurrentResumes: clients.length,
        resumeMs: summarize(runs.map((run) => run.resumeMs)),
        integrity: integrityOf(runs.map((run) => run.outcome)),
        loadAverage: load,
      };
      log(
        `resume ${driver.name} ×${concurrency}: p50 ${result.resumeMs.p50.toFixed(1)} ms, p99 ${result.resumeMs.p99.toFixed(1)} ms`,
      );
      results.push(result);
    }
  }
  return results;
}
