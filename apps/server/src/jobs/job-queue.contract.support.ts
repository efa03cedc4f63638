import { randomUUID } from "node:crypto";
import { z } from "zod";
import { defineJob } from "./index.ts";
import type { JobContext, JobDefinition, JobEvent, JobOptions, JobQueue, StoreKysely } from "./types.ts";

export type OpenedQueue = { queue: JobQueue; db: StoreKysely; close(): Promise<void> };

export type JobQueueContractTarget = {
  name: string;
  /** Opens one more queue on the suite's database, on a connection of its own, as another process would. */
  open(options: { onEvent?: (event: JobEvent) => void }): Promise<OpenedQueue>;
  /** The shortest delay the adapter can express (pg-boss counts retry delays and expiry in whole seconds). */
  unitMs: number;
  /** Runs once after every queue is closed, e.g. to drop the database. */
  cleanup?: () => Promise<void>;
};

/** Polls fast enough for tests; pg-boss raises it to its 500 ms floor. */
export const TEST_POLL_MS = 50;

export type Payload = { n: number };
export type Run = { payload: Payload; context: JobContext; instance: string; startedAt: number };

/**
 * A job kind with a fresh name, so tests sharing one database never see each other's jobs. Every run is
 * recorded before `perform` is called.
 */
export function testJob({
  perform = async () => {},
  options,
}: {
  perform?: (run: Run) => Promise<void>;
  options?: Partial<JobOptions>;
} = {}) {
  const runs: Run[] = [];
  const name = `contract.job-${randomUUID().slice(0, 8)}`;
  const forInstance = (instance: string): JobDefinition<Payload> =>
    defineJob({
      name,
      schema: z.object({ n: z.number() }),
      options,
      async perform(payload, context) {
        const run = { payload, context, instance, startedAt: Date.now() };
        runs.push(run);
        await perform(run);
      },
    });
  return { name, runs, definition: forInstance("first"), forInstance };
}

/** Opens queues for one test and closes them all after it, whatever state it left them in. */
export function queueTracker(target: JobQueueContractTarget) {
  const opened: OpenedQueue[] = [];
  return {
    async open({ onEvent }: { onEvent?: (event: JobEvent) => void } = {}): Promise<OpenedQueue> {
      const queue = await target.open({ onEvent });
      opened.push(queue);
      return queue;
    },
    async closeAll(): Promise<void> {
      const closing = opened.splice(0);
      await Promise.all(closing.map((entry) => entry.close()));
    },
  };
}

/** A promise with its resolver, to hold a job until the test lets it go. */
export function gate(): { promise: Promise<void>; open(): void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** Resolves with the first event that matches, recording every event on the way. */
export function eventLog() {
  const events: JobEvent[] = [];
  const waiters: { match: (event: JobEvent) => boolean; resolve: (event: JobEvent) => void }[] = [];
  return {
    events,
    onEvent(event: JobEvent): void {
      events.push(event);
      for (const waiter of waiters.splice(0)) {
        if (waiter.match(event)) waiter.resolve(event);
        else waiters.push(waiter);
      }
    },
    next(match: (event: JobEvent) => boolean): Promise<JobEvent> {
      const seen = events.find(match);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
  };
}
