import type { StreamOutcome } from "../load/stream-record.ts";
import type { Child } from "../process/spawn.ts";
import type { ReplyShape } from "../reply.ts";

export type StreamOptions = { keepDeltaTimes?: boolean };

/** One simulated client: it runs one stream at a time. */
export type Session = {
  stream(shape: ReplyShape, options?: StreamOptions): Promise<StreamOutcome>;
  close(): void;
};

/** Something the load generator streams replies through: the provider itself, Slipstream, or a peer. */
export type Target = {
  name: string;
  transport: "sse" | "ws";
  /** The process whose CPU time the target's work costs (none for the provider called directly). */
  process?: Child;
  /** Whether its work also costs redis-server CPU. */
  usesRedis?: boolean;
  openSessions(count: number): Promise<Session[]>;
};

export function closeAll(sessions: Session[]) {
  for (const session of new Set(sessions)) session.close();
}

/** The smallest reply: enough to open every connection a run will use and to compile its code paths. */
const WARM_UP: ReplyShape = { deltas: 2, deltaBytes: 16, intervalMs: 0 };

/**
 * One tiny reply per session, spread over half a second, before a measurement: connection pools (client to target,
 * target to provider) are full and hot, so that the first measured streams do not pay for opening them.
 */
export async function warmUp(sessions: Session[]) {
  await Promise.all(
    sessions.map(async (session, index) => {
      await new Promise((resolve) => setTimeout(resolve, (index / sessions.length) * 500));
      await session.stream(WARM_UP);
    }),
  );
}
