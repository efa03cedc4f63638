/** What one client saw of one streamed reply. */
export type StreamOutcome = {
  /** From the client's first request to the first text delta, ms. */
  ttftMs: number;
  durationMs: number;
  events: number;
  deltas: number;
  /** Longest wait between two text deltas, ms (the first delta excluded). */
  maxGapMs: number;
  textMatches: boolean;
  /** How the assembled text differs from the expected one (lost, repeated or garbled deltas), when it does. */
  mismatch?: string;
  /** Sequence numbers skipped or seen again (protocols with sequence numbers only). */
  missingSeqs: number;
  duplicateSeqs: number;
  /** Arrival time of every text delta, ms from the start (kept only when asked, for fan-out). */
  deltaTimes?: number[];
  wireBytes?: number;
  error?: string;
};

/**
 * Observes one stream as it arrives: timings of text deltas, sequence contiguity from `firstSeq`, and at the end
 * whether the assembled text is exactly the expected reply.
 */
export function createStreamRecord({
  expectedText,
  firstSeq = 1,
  keepDeltaTimes = false,
  startedAt = performance.now(),
}: {
  expectedText: string;
  firstSeq?: number;
  keepDeltaTimes?: boolean;
  startedAt?: number;
}) {
  let text = "";
  let events = 0;
  let deltas = 0;
  let firstDeltaAt = Number.NaN;
  let lastDeltaAt = Number.NaN;
  let maxGapMs = 0;
  let nextSeq = firstSeq;
  let missingSeqs = 0;
  let duplicateSeqs = 0;
  let errorPart: string | undefined;
  const deltaTimes: number[] | undefined = keepDeltaTimes ? [] : undefined;

  return {
    startedAt,
    /** The last sequence number seen in order: where a resuming client reconnects from. */
    get lastSeq() {
      return nextSeq - 1;
    },
    get deltas() {
      return deltas;
    },
    event(seq?: number) {
      events += 1;
      if (seq === undefined) return;
      if (seq < nextSeq) duplicateSeqs += 1;
      else {
        missingSeqs += seq - nextSeq;
        nextSeq = seq + 1;
      }
    },
    delta(piece: string) {
      const now = performance.now();
      if (deltas === 0) firstDeltaAt = now;
      else maxGapMs = Math.max(maxGapMs, now - lastDeltaAt);
      lastDeltaAt = now;
      deltas += 1;
      text += piece;
      deltaTimes?.push(now - startedAt);
    },
    /** An `error` event inside the stream: the reply is not whole even if the stream ends cleanly. */
    errorPart(text: string) {
      errorPart ??= `stream part ${text}`;
    },
    finish({ error = errorPart, wireBytes }: { error?: unknown; wireBytes?: number } = {}): StreamOutcome {
      return {
        ttftMs: firstDeltaAt - startedAt,
        durationMs: performance.now() - startedAt,
        events,
        deltas,
        maxGapMs,
        textMatches: text === expectedText,
        mismatch: text === expectedText ? undefined : describeMismatch(text, expectedText),
        missingSeqs,
        duplicateSeqs,
        deltaTimes,
        wireBytes,
        error: error === undefined ? undefined : error instanceof Error ? error.message : String(error),
      };
    },
  };
}
export type StreamRecord = ReturnType<typeof createStreamRecord>;

/**
 * Names what went wrong with a text that is not the expected one: each delta starts with its index (`12:`), so the
 * indexes in the text say which deltas were lost, repeated or came out of order.
 */
export function describeMismatch(text: string, expected: string): string {
  const indexes = (value: string) => [...value.matchAll(/(\d+):/g)].map((match) => Number(match[1]));
  const got = indexes(text);
  const want = new Set(indexes(expected));
  const seen = new Set<number>();
  const repeated = got.filter((index) => seen.has(index) || !seen.add(index));
  const lost = [...want].filter((index) => !seen.has(index));
  const outOfOrder = got.some((index, at) => at > 0 && index < (got[at - 1] as number));
  const at = [...expected].findIndex((char, offset) => text[offset] !== char);
  const kinds = [
    lost.length ? `lost ${lost.length} (from #${lost[0]})` : "",
    repeated.length ? `repeated ${repeated.length} (#${repeated[0]})` : "",
    outOfOrder ? "out of order" : "",
  ].filter(Boolean);
  return `${kinds.join(", ") || "garbled"}: ${text.length} of ${expected.length} chars, first difference at ${at === -1 ? expected.length : at}`;
}

/** The outcome of a stream that never got going. */
export const failedOutcome = (error: unknown) => createStreamRecord({ expectedText: "" }).finish({ error });

/** The same record, with a callback after each event or text delta it takes (to cut a stream, or time one). */
export function observeRecord(
  record: StreamRecord,
  { onEvent, onDelta }: { onEvent?: () => void; onDelta?: () => void },
): StreamRecord {
  return Object.create(record, {
    event: {
      value: (seq?: number) => {
        record.event(seq);
        onEvent?.();
      },
    },
    delta: {
      value: (piece: string) => {
        record.delta(piece);
        onDelta?.();
      },
    },
  });
}
