import type { ConversationEvent } from "@slipstream/protocol";
import { notFound } from "../errors.ts";
import { newId } from "../ids/new-id.ts";
import type { ConversationEventRecord, Store, StoreTransaction } from "../store/index.ts";
import type { EventRelay } from "./relay.ts";

/** Records a domain event in the transaction under way, with the conversation's next version. */
export type RecordEvent = (input: { conversationId: string; event: ConversationEvent }) => Promise<void>;

type Pending = { conversationId: string; event: ConversationEvent; createdAt: string };

/**
 * Changes to conversations and messages go through here: the change and its events commit together, and the
 * events are published once they have. A transaction's events are written together at its end, one version
 * update and one insert per conversation, whatever their number.
 */
export function createOutbox({
  store,
  relay,
  onRecorded,
}: {
  store: Store;
  relay: EventRelay;
  /** Runs in the transaction for every event recorded (outbound webhooks queue their deliveries here). */
  onRecorded?: (tx: StoreTransaction, record: ConversationEventRecord) => Promise<void>;
}) {
  async function write(tx: StoreTransaction, pending: Pending[]): Promise<ConversationEventRecord[]> {
    const byConversation = Map.groupBy(pending.splice(0), (entry) => entry.conversationId);
    const rows: ConversationEventRecord[] = [];
    for (const [conversationId, entries] of byConversation) {
      const taken = await tx.conversations.nextVersions({ id: conversationId, count: entries.length });
      // Deleted by someone else since the caller's access check.
      if (!taken) throw notFound("Conversation");
      const written = entries.map(({ event, createdAt }, index) => ({
        id: newId(),
        conversationId,
        version: taken.first + index,
        userId: taken.userId,
        type: event.type,
        payload: event,
        createdAt,
        publishedAt: null,
      }));
      await tx.events.appendEvents(written);
      for (const row of written) await onRecorded?.(tx, row);
      rows.push(...written);
    }
    return rows;
  }

  return {
    async transaction<T>(work: (tx: StoreTransaction, record: RecordEvent) => Promise<T>): Promise<T> {
      const recorded: ConversationEventRecord[] = [];
      const result = await store.transaction(async (tx) => {
        const pending: Pending[] = [];
        const record: RecordEvent = async ({ conversationId, event }) => {
          pending.push({ conversationId, event, createdAt: new Date().toISOString() });
          // A deletion is written at once: the row that hands out its version is about to go.
          if (event.type === "conversation.deleted") recorded.push(...(await write(tx, pending)));
        };
        const value = await work(tx, record);
        recorded.push(...(await write(tx, pending)));
        return value;
      });
      // Not awaited: the change is committed, and a bus that is slow or down must not hold up the caller.
      void relay.publish(recorded);
      return result;
    },
  };
}
export type Outbox = ReturnType<typeof createOutbox>;
