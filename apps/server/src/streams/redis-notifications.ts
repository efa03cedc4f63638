import type { Redis } from "ioredis";
import { closeConnection } from "../redis/close-connection.ts";

type Waiter = { notified: boolean; wake?: () => void };

/**
 * Pub/sub notifications shared by every reader of one instance: one subscriber connection, one Redis
 * subscription per channel however many readers follow it. A notification only says "read again"; the
 * data always comes from the log, so a notification lost or doubled costs a read, never an event.
 */
export function createNotifications(connect: () => Redis, onError: (error: unknown) => void) {
  let subscriber: Redis | undefined;
  const channels = new Map<string, Set<Waiter>>();

  const connection = () => {
    if (!subscriber) {
      subscriber = connect();
      subscriber.on("message", (channel: string) => {
        for (const waiter of channels.get(channel) ?? []) {
          waiter.notified = true;
          waiter.wake?.();
        }
      });
    }
    return subscriber;
  };

  return {
    /** Starts following `channel`; resolves once Redis has confirmed the subscription. */
    async follow(channel: string) {
      const waiter: Waiter = { notified: false };
      let waiters = channels.get(channel);
      if (!waiters) {
        waiters = new Set();
        channels.set(channel, waiters);
      }
      waiters.add(waiter);
      await connection().subscribe(channel);
      return {
        /** Resolves true on a notification since the last call, false after `timeoutMs` or an abort. */
        next({ timeoutMs, signal }: { timeoutMs: number; signal?: AbortSignal }): Promise<boolean> {
          if (waiter.notified || signal?.aborted) {
            const notified = waiter.notified;
            waiter.notified = false;
            return Promise.resolve(notified);
          }
          return new Promise((resolve) => {
            const done = () => {
              clearTimeout(timer);
              signal?.removeEventListener("abort", done);
              waiter.wake = undefined;
              const notified = waiter.notified;
              waiter.notified = false;
              resolve(notified);
            };
            const timer = setTimeout(done, timeoutMs);
            signal?.addEventListener("abort", done, { once: true });
            waiter.wake = done;
          });
        },
        stop() {
          waiter.wake?.();
          waiters.delete(waiter);
          if (waiters.size > 0 || channels.get(channel) !== waiters) return;
          channels.delete(channel);
          // A subscription left behind only costs wake-ups that nobody waits for; it is worth reporting, not failing.
          subscriber?.unsubscribe(channel).catch(onError);
        },
      };
    },

    /** Wakes every waiting reader and drops the subscriber connection. */
    async close() {
      for (const waiters of channels.values()) for (const waiter of waiters) waiter.wake?.();
      channels.clear();
      if (subscriber) await closeConnection(subscriber);
    },
  };
}
