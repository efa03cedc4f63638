import { failedOutcome, type StreamOutcome } from "./stream-record.ts";

/** A stream not finished after this long counts as failed, so that one lost reply cannot stall a whole run. */
const STREAM_DEADLINE_MS = 180_000;

/** `stream`, or a failed outcome if it takes longer than STREAM_DEADLINE_MS. */
export function withDeadline(stream: Promise<StreamOutcome>): Promise<StreamOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<StreamOutcome>((resolve) => {
    timer = setTimeout(() => resolve(failedOutcome(`no end after ${STREAM_DEADLINE_MS / 1000} s`)), STREAM_DEADLINE_MS);
  });
  return Promise.race([stream, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Closed-loop load: every session is one client that runs streams back to back. Clients start spread evenly over
 * `staggerMs`, so that the load is steady rather than one synchronised burst, and stop after `streamsPerSession`
 * streams or once `durationMs` has passed (the stream under way is finished and counted).
 */
export async function runClosedLoop<S>({
  sessions,
  run,
  staggerMs,
  streamsPerSession = Number.POSITIVE_INFINITY,
  durationMs = Number.POSITIVE_INFINITY,
}: {
  sessions: S[];
  run: (session: S) => Promise<StreamOutcome>;
  staggerMs: number;
  streamsPerSession?: number;
  durationMs?: number;
}): Promise<{ outcomes: StreamOutcome[]; wallMs: number }> {
  const started = performance.now();
  const deadline = started + durationMs;
  const outcomes: StreamOutcome[] = [];
  await Promise.all(
    sessions.map(async (session, index) => {
      await new Promise((resolve) => setTimeout(resolve, (index / sessions.length) * staggerMs));
      for (let count = 0; count < streamsPerSession && performance.now() < deadline; count += 1) {
        outcomes.push(await withDeadline(run(session)));
      }
    }),
  );
  return { outcomes, wallMs: performance.now() - started };
}
