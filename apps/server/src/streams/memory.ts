import type { StreamEvent, StreamPart } from "@slipstream/protocol";
import type { StreamLog, StreamState } from "./types.ts";

type Log = { parts: StreamPart[]; ended: boolean; waiters: Set<() => void>; expiry?: NodeJS.Timeout };

/** The embedded stream log: all in this process's memory, kept for `retentionMs` after each log ends. */
export function createMemoryStreamLog({ retentionMs }: { retentionMs: number }): StreamLog {
  const logs = new Map<string, Log>();

  const wake = (log: Log) => {
    const waiters = [...log.waiters];
    log.waiters.clear();
    for (const waiter of waiters) waiter();
  };

  const mustGet = (streamId: string) => {
    const log = logs.get(streamId);
    if (!log) throw new Error(`Stream ${streamId} does not exist`);
    if (log.ended) throw new Error(`Stream ${streamId} has ended`);
    return log;
  };

  return {
    async create({ streamId }) {
      if (logs.has(streamId)) throw new Error(`Stream ${streamId} already exists`);
      logs.set(streamId, { parts: [], ended: false, waiters: new Set() });
    },

    async append({ streamId, part }) {
      const log = mustGet(streamId);
      log.parts.push(part);
      wake(log);
      return log.parts.length;
    },

    async end({ streamId }) {
      const log = logs.get(streamId);
      if (!log || log.ended) return;
      log.ended = true;
      log.expiry = setTimeout(() => logs.delete(streamId), retentionMs);
      log.expiry.unref();
      wake(log);
    },

    async state({ streamId }): Promise<StreamState | undefined> {
      const log = logs.get(streamId);
      if (!log) return undefined;
      return log.ended ? "ended" : "live";
    },

    async *read({ streamId, after, signal }): AsyncGenerator<StreamEvent> {
      const log = logs.get(streamId);
      if (!log) return;
      let next = after;
      while (!signal?.aborted) {
        while (next < log.parts.length) {
          const part = log.parts[next] as StreamPart;
          next += 1;
          yield { seq: next, part };
          if (signal?.aborted) return;
        }
        if (log.ended) return;
        await new Promise<void>((resolve) => {
          const onAppend = () => {
            signal?.removeEventListener("abort", onAbort);
            resolve();
          };
          const onAbort = () => {
            log.waiters.delete(onAppend);
            resolve();
          };
          log.waiters.add(onAppend);
          signal?.addEventListener("abort", onAbort, { once: true });
        });
      }
    },

    async close() {
      for (const log of logs.values()) {
        clearTimeout(log.expiry);
        log.ended = true;
        wake(log);
      }
      logs.clear();
    },
  };
}
