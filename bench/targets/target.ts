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
  openSessions(count: number): Promise<Session[]>;
};
