import type { ConversationEvent } from "@slipstream/protocol";
import type { Logger } from "pino";
import type { Bus, PublishedConversationEvent } from "../bus/index.ts";
import type { Metrics } from "../metrics/index.ts";
import type { ConversationEventRecord, Store } from "../store/index.ts";

const ORPHAN_BATCH = 100;

/**
 * Publishes outbox rows to the bus in order, and marks them published behind it. Rows are published by the instance
 * that committed them, right after the commit; rows that instance never published (it died, or the bus was down) are
 * claimed and published by whichever instance sweeps first. Delivery is at least once: consumers drop repeats.
 */
export function createEventRelay({
  store,
  bus,
  logger,
  metrics,
  sweepIntervalMs,
  orphanAfterMs,
}: {
  store: Store;
  bus: Bus;
  logger: Logger;
  metrics: Pick<Metrics, "backgroundErrors">;
  /** How often to look for rows that nobody published. */
  sweepIntervalMs: number;
  /** A row unpublished for this long is taken for orphaned; until then its own instance is still publishing it. */
  orphanAfterMs: number;
}) {
  const failed = (operation: string, consequence: string) => (error: unknown) => {
    metrics.backgroundErrors.inc({ operation });
    logger.error({ err: error }, `${operation} failed; ${consequence}`);
  };

  let queue: Promise<void> = Promise.resolve();
  function enqueue(work: () => Promise<void>, operation: string) {
    queue = queue.then(work).catch(failed(operation, "the events stay in the outbox and are published later"));
    return queue;
  }

  // Publishing does not wait for these writes: a row published and not yet marked is at worst published again, and
  // consumers drop it.
  let marking: Promise<void> = Promise.resolve();
  const markPublished = batchWhileBusy<string>(
    (work) => {
      marking = marking.then(work).catch(failed("outbox mark", "the sweep publishes those events again later"));
      return marking;
    },
    (ids) => store.events.markPublished({ ids, now: new Date().toISOString() }),
  );

  async function publishNow(records: ConversationEventRecord[]) {
    if (records.length === 0) return;
    for (const record of records) await bus.publish("conversation.event", toPublished(record));
    void markPublished(records.map((record) => record.id));
  }

  /** Rows handed in while the publish before them runs go out together. */
  const publish = batchWhileBusy<ConversationEventRecord>((work) => enqueue(work, "event publish"), publishNow);

  async function sweep() {
    for (;;) {
      const now = Date.now();
      const orphans = await store.events.claimUnpublished({
        createdBefore: new Date(now - orphanAfterMs).toISOString(),
        now: new Date(now).toISOString(),
        claimUntil: new Date(now + orphanAfterMs).toISOString(),
        limit: ORPHAN_BATCH,
      });
      await publishNow(orphans);
      if (orphans.length < ORPHAN_BATCH) return;
    }
  }

  const timer = setInterval(() => void enqueue(sweep, "outbox sweep"), sweepIntervalMs);
  timer.unref();

  return {
    /** Publishes rows just committed by this instance, after every row handed in before them. */
    publish,
    /** Publishes every orphaned row now (the timer does it every `sweepIntervalMs`). */
    sweep: () => enqueue(sweep, "outbox sweep"),
    /** Resolves once everything handed in so far has been published and marked (or has failed). */
    async idle() {
      await queue;
      await marking;
    },
    /** Stops sweeping and waits for what is being published and marked. */
    async stop() {
      clearInterval(timer);
      await queue;
      await marking;
    },
  };
}
export type EventRelay = ReturnType<typeof createEventRelay>;

/**
 * Gathers the items handed in while the work scheduled before them waits for its turn, and hands them to `run` as one
 * batch when it comes: one publish, or one write, for everything that piled up meanwhile.
 */
function batchWhileBusy<T>(
  schedule: (work: () => Promise<void>) => Promise<void>,
  run: (batch: T[]) => Promise<void>,
): (items: T[]) => Promise<void> {
  let waiting: T[] | undefined;
  let scheduled: Promise<void> = Promise.resolve();
  return (items) => {
    if (waiting) {
      waiting.push(...items);
      return scheduled;
    }
    const batch = [...items];
    waiting = batch;
    scheduled = schedule(() => {
      waiting = undefined;
      return run(batch);
    });
    return scheduled;
  };
}

function toPublished(record: ConversationEventRecord): PublishedConversationEvent {
  const { id, conversationId, version, userId, payload } = record;
  return { id, conversationId, version, userId, event: payload as ConversationEvent };
}
