import type { StreamOutcome } from "./stream-record.ts";

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
        outcomes.push(await run(session));
      }
    }),
  );
  return { outcomes, wallMs: performance.now() - started };
}
