import { PACED, type ReplyShape } from "./reply.ts";

/** How big each scenario runs: the full run the README reports, or `--quick` (under two minutes, not comparable). */
export type Sizes = {
  mode: "full" | "quick";
  /** The paced reply of TTFT, fan-out, resume and bystander runs. */
  paced: ReplyShape;
  /** Unpaced replies each target streams (10 clients) before any scenario, to compile its hot paths. */
  warmUpStreams: number;
  ttftConcurrency: number[];
  /** With one stream in flight nothing after the first token can affect the next TTFT: shorter replies, more samples. */
  ttftSamplesAtOne: number;
  ttftRounds: number;
  throughputConcurrency: number[];
  throughputMs: number;
  fanout: number[];
  /** Paced streams resumed at once: few, for the resume itself; many, for resume under load. */
  resumeConcurrency: number[];
  idleConnections: number;
  storageMs: number;
  capacityLevels: number[];
  capacityDeltas: number;
  /** Capacity streams start spread over this long, then all run together for the rest of their reply. */
  capacityRampMs: number;
  wireDeltas: number[];
  bystanderStreams: number;
  profileMs: number;
  /** Interleaved rounds of the reply-cost scenario, and tiny replies per client in each (10 clients). */
  replyCostRounds: number;
  replyCostTinyPerSession: number;
  /** The Markdown answer the web app streams, and the conversation it opens and scrolls. */
  webAnswerTokens: number;
  webThreadMessages: number;
};

export const FULL: Sizes = {
  mode: "full",
  paced: PACED,
  warmUpStreams: 100,
  ttftConcurrency: [1, 100, 1000],
  ttftSamplesAtOne: 40,
  ttftRounds: 2,
  throughputConcurrency: [1, 100, 1000],
  throughputMs: 5000,
  fanout: [1, 10, 100],
  resumeConcurrency: [10, 100],
  idleConnections: 10_000,
  storageMs: 3000,
  capacityLevels: [25, 50, 100, 250, 500, 1000],
  capacityDeltas: 256,
  capacityRampMs: 1000,
  wireDeltas: [16, 64, 256, 1024],
  bystanderStreams: 100,
  profileMs: 8000,
  replyCostRounds: 5,
  replyCostTinyPerSession: 20,
  webAnswerTokens: 50_000,
  webThreadMessages: 2_000,
};

export const QUICK: Sizes = {
  mode: "quick",
  paced: { ...PACED, deltas: 16 },
  warmUpStreams: 20,
  ttftConcurrency: [10],
  ttftSamplesAtOne: 4,
  ttftRounds: 1,
  throughputConcurrency: [20],
  throughputMs: 600,
  fanout: [1, 10],
  resumeConcurrency: [10],
  idleConnections: 500,
  storageMs: 500,
  capacityLevels: [40],
  capacityDeltas: 24,
  capacityRampMs: 300,
  wireDeltas: [16, 64, 256],
  bystanderStreams: 20,
  profileMs: 1000,
  replyCostRounds: 2,
  replyCostTinyPerSession: 5,
  webAnswerTokens: 5_000,
  webThreadMessages: 200,
};
