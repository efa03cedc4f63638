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
  let queue: Promise<void> = Promise.resolve();
  /** Rows handed in while the publish before them runs: they go out together, marked published in one write. */
  let waiting: ConversationEventRecord[] | undefined;
  let marking: Promise<void> = Promise.resolve();
  /**
   * Ids published while the write marking the ones before them runs: one write marks them all. Publishing does not
   * wait for these writes (a row published and not yet marked is at worst published again, and consumers drop it).
   */
  let unmarked: string[] | undefined;

  function markPublished(ids: string[]) {
    if (unmarked) {
      unmarked.push(...ids);
      return;
    }
    unmarked = [...ids];
    marking = marking
      .then(() => {
        const batch = unmarked ?? [];
        unmarked = undefined;
        return store.events.markPublished({ ids: batch, now: new Date().toISOString() });
      })
      .catch((error: unknown) => {
        metrics.backgroundErrors.inc({ operation: "outbox mark" });
        logger.error({ err: error }, "marking events published failed; the sweep publishes them again later");
      });
  }

  async function publishNow(records: ConversationEventRecord[]) {
    if (records.length === 0) return;
    for (const record of records) await bus.publish("conversation.event", toPublished(record));
    markPublished(records.map((record) => record.id));
  }

  function enqueue(work: () => Promise<void>, operation: string) {
    queue = queue.then(work).catch((error: unknown) => {
      metrics.backgroundErrors.inc({ operation });
      logger.error({ err: error }, `${operation} failed; the events stay in the outbox and are published later`);
    });
    return queue;
  }

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
    publish(records: ConversationEventRecord[]) {
      if (waiting) {
        waiting.push(...records);
        return queue;
      }
      waiting = [...records];
      return enqueue(() => {
        const batch = waiting ?? [];
        waiting = undefined;
        return publishNow(batch);
      }, "event publish");
    },
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

function toPublished(record: ConversationEventRecord): PublishedConversationEvent {
  const { id, conversationId, version, userId, payload } = record;
  return { id, conversationId, version, userId, event: payload as ConversationEvent };
}
