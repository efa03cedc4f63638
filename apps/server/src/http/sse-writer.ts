import { once } from "node:events";
import type { Writable } from "node:stream";
import type { StreamEvent } from "@slipstream/protocol";
import { partJson } from "../streams/part-json.ts";

/** Past this many queued characters the batch goes out at once, so that a backlog never piles up in memory. */
const MAX_BATCH_CHARS = 16 * 1024;

/** One SSE event of a log, `id: <seq>`; JSON escapes \n and \r inside strings, so the part is one `data:` line. */
export const sseEvent = ({ seq, part }: StreamEvent) => `id: ${seq}\ndata: ${partJson(part)}\n\n`;

/**
 * Writes SSE frames to one response, batched: frames queued within a tick (a page of a log, a burst of deltas) go
 * out as one write at the next turn of the event loop, or at once past MAX_BATCH_CHARS. Backpressure is kept: once
 * a write is refused, `write` waits for `drain`, so that a client that reads slowly holds its reader at the log
 * instead of its events in memory.
 */
export function createSseWriter(out: Writable, closed: AbortSignal) {
  let batch = "";
  let scheduled = false;
  /** Set from a refused write until the next `drain` (or the client leaving): writers wait on it. */
  let drained: Promise<void> | undefined;
  const clearDrained = () => {
    drained = undefined;
  };

  const flush = () => {
    scheduled = false;
    if (batch === "" || out.destroyed) return;
    const accepted = out.write(batch);
    batch = "";
    // Listening at the refusal itself, not at the next `write`: a drain in between would otherwise be missed.
    if (!accepted) drained ??= once(out, "drain", { signal: closed }).then(clearDrained, clearDrained);
  };

  return {
    async write(frame: string) {
      batch += frame;
      if (batch.length >= MAX_BATCH_CHARS) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
      if (drained) await drained;
    },
    /** Writes what is queued, then `last`, and ends the response. */
    end(last = "") {
      batch += last;
      flush();
      out.end();
    },
  };
}
