import { inBatches } from "../load/batches.ts";
import { decodeUiPart } from "../load/decoders.ts";
import { type Integrity, integrityOf } from "../load/integrity.ts";
import { createStreamRecord, failedOutcome, type StreamOutcome } from "../load/stream-record.ts";
import { loadAverage } from "../machine.ts";
import { startCpuWindow } from "../process/cpu-window.ts";
import type { Child } from "../process/spawn.ts";
import { expectedTextOf, type ReplyShape } from "../reply.ts";
import { type Summary, summarize } from "../stats.ts";
import { followOverSse, type SlipstreamInstance, sendOverRest, takeSeats } from "../targets/slipstream.ts";
import { openSlipstreamSocket } from "../targets/slipstream-socket.ts";
import { streamOverSse } from "../targets/sse-stream.ts";
import { chatBody, newChatPath } from "../targets/ui-stream-sse.ts";
import type { ScenarioContext } from "./context.ts";

export type FanoutResult = {
  target: string;
  followers: number;
  /** From the send to each follower's first token, ms. */
  followerTtft: Summary;
  /** For each event, how much later the last follower got it than the first, ms. */
  skew: Summary;
  cpuMicrosPerEvent: number;
  integrity: Integrity;
  loadAverage: number[];
};

/** Runs one generation and returns what each of its `followers` clients saw; the clock starts at the send. */
type FanoutDriver = {
  name: string;
  process: Child;
  run(followers: number, shape: ReplyShape): Promise<StreamOutcome[]>;
};

const followerRecord = (shape: ReplyShape, startedAt: number) =>
  createStreamRecord({ expectedText: expectedTextOf(shape), keepDeltaTimes: true, startedAt });

function slipstreamSse(instance: SlipstreamInstance): FanoutDriver {
  return {
    name: `slipstream sse (${instance.label})`,
    process: instance.child,
    async run(followers, shape) {
      const [seat] = await takeSeats(instance, 1);
      if (!seat) throw new Error("no seat");
      const startedAt = performance.now();
      const streamId = await sendOverRest(instance, seat, shape);
      return Promise.all(
        Array.from({ length: followers }, () =>
          followOverSse(instance, { cookie: seat.cookie, streamId, record: followerRecord(shape, startedAt) }),
        ),
      );
    },
  };
}

function slipstreamWs(instance: SlipstreamInstance): FanoutDriver {
  return {
    name: `slipstream ws (${instance.label})`,
    process: instance.child,
    async run(followers, shape) {
      const [seat] = await takeSeats(instance, 1);
      if (!seat) throw new Error("no seat");
      const sockets = await inBatches(followers, () => openSlipstreamSocket(instance, seat.cookie));
      try {
        const startedAt = performance.now();
        const streamId = await (sockets[0] as (typeof sockets)[number]).send(seat, shape);
        return await Promise.all(sockets.map((socket) => socket.follow(streamId, followerRecord(shape, startedAt))));
      } finally {
        for (const socket of sockets) socket.close();
      }
    },
  };
}

/** resumable-stream: every follower posts the same chat id; the first creates the stream, the others resume it. */
function resumable(process: Child): FanoutDriver {
  return {
    name: "resumable-stream sse",
    process,
    async run(followers, shape) {
      const path = newChatPath();
      const startedAt = performance.now();
      return Promise.all(
        Array.from({ length: followers }, () =>
          streamOverSse({
            url: `${process.url}${path}`,
            body: chatBody(shape),
            decoder: decodeUiPart,
            record: followerRecord(shape, startedAt),
          }),
        ),
      );
    },
  };
}

function skews(outcomes: StreamOutcome[]): number[] {
  const complete = outcomes.filter((outcome) => !outcome.error && outcome.deltaTimes);
  const count = Math.min(...complete.map((outcome) => outcome.deltaTimes?.length ?? 0));
  return Array.from({ length: count }, (_, index) => {
    const times = complete.map((outcome) => outcome.deltaTimes?.[index] ?? 0);
    return Math.max(...times) - Math.min(...times);
  });
}

/** One paced generation followed by 1, 10, 100 clients at once. */
export async function measureFanout({ rig, sizes, log }: ScenarioContext): Promise<FanoutResult[]> {
  const drivers: FanoutDriver[] = [rig.embedded, rig.scaled].flatMap((instance) =>
    instance ? [slipstreamSse(instance), slipstreamWs(instance)] : [],
  );
  const resumableProcess = rig.peers.find((peer) => peer.name === "resumable-stream sse")?.process;
  if (resumableProcess) drivers.push(resumable(resumableProcess));
  const results: FanoutResult[] = [];
  for (const followers of sizes.fanout) {
    for (const driver of drivers) {
      const load = loadAverage();
      const cpu = await startCpuWindow([driver.process]);
      const outcomes = await driver.run(followers, sizes.paced).catch((error: unknown) => [failedOutcome(error)]);
      const cpuMs = (await cpu.stop())[driver.process.name] ?? 0;
      const events = outcomes.reduce((sum, outcome) => sum + outcome.events, 0);
      const result: FanoutResult = {
        target: driver.name,
        followers,
        followerTtft: summarize(outcomes.filter((o) => !o.error).map((o) => o.ttftMs)),
        skew: summarize(skews(outcomes)),
        cpuMicrosPerEvent: (cpuMs * 1000) / Math.max(events, 1),
        integrity: integrityOf(outcomes),
        loadAverage: load,
      };
      log(`fan-out ${driver.name} ×${followers}: skew p99 ${result.skew.p99.toFixed(1)} ms`);
      results.push(result);
    }
  }
  return results;
}
