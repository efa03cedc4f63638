/**
 * The shape of a benchmark reply, carried in the prompt so that every peer forwards it to the fake provider
 * unchanged, and the text it must assemble to, so that every client can verify what it received.
 */
/** The one model the fake provider lists and answers as. */
export const FAKE_MODEL = "bench";

export type ReplyShape = { deltas: number; deltaBytes: number; intervalMs: number };

/** The pacing of published gateway benchmarks: 64 deltas of 16 bytes, 20 ms apart. */
export const PACED: ReplyShape = { deltas: 64, deltaBytes: 16, intervalMs: 20 };

/** The same reply as fast as the provider can write it, for throughput. */
export const UNPACED: ReplyShape = { ...PACED, intervalMs: 0 };

const PROMPT = /bench deltas=(\d+) bytes=(\d+) interval=(\d+)/;
const FILLER = "abcdefghijklmnopqrstuvwxyz0123456789";

export const promptFor = ({ deltas, deltaBytes, intervalMs }: ReplyShape) =>
  `bench deltas=${deltas} bytes=${deltaBytes} interval=${intervalMs}`;

export function shapeFromPrompt(prompt: string): ReplyShape | undefined {
  const match = PROMPT.exec(prompt);
  if (!match) return undefined;
  return { deltas: Number(match[1]), deltaBytes: Number(match[2]), intervalMs: Number(match[3]) };
}

/** Delta `index` starts with its own number, so a lost or repeated delta changes the assembled text. */
export function deltaText(index: number, bytes: number): string {
  const head = `${index}:`;
  let text = head;
  while (text.length < bytes) text += FILLER.slice(0, bytes - text.length);
  return text.slice(0, Math.max(bytes, head.length));
}

const replyText = (shape: ReplyShape) =>
  Array.from({ length: shape.deltas }, (_, index) => deltaText(index, shape.deltaBytes)).join("");

/** Streams every delta one interval after the previous one (the first at once), then ends. */
export const replyDurationMs = (shape: ReplyShape) => (shape.deltas - 1) * shape.intervalMs;

const texts = new Map<string, string>();

/** `replyText`, computed once per shape: clients compare every stream against it. */
export function expectedTextOf(shape: ReplyShape): string {
  const key = promptFor(shape);
  let text = texts.get(key);
  if (text === undefined) {
    text = replyText(shape);
    texts.set(key, text);
  }
  return text;
}
