import type { ConversationEvent } from "@slipstream/protocol";
import { notFound } from "../errors.ts";
import { newId } from "../ids/new-id.ts";
import type { ConversationEventRecord, Store, StoreTransaction } from "../store/index.ts";
import type { EventRelay } from "./relay.ts";

/** Records a domain event in the transaction under way, with the conversation's next version. */
export type RecordEvent = (input: { conversationId: string; event: ConversationEvent }) => Promise<void>;

/**
 * Changes to conversations and messages go through here: the change and its events commit together, and the
 * events are published once they have.
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
  return {
    async transaction<T>(work: (tx: StoreTransaction, record: RecordEvent) => Promise<T>): Promise<T> {
      const recorded: ConversationEventRecord[] = [];
      const result = await store.transaction(async (tx) => {
        const record: RecordEvent = async ({ conversationId, event }) => {
          const next = await tx.conversations.nextVersion({ id: conversationId });
          // Deleted by someone else since the caller's access check.
          if (!next) throw notFound("Conversation");
          const row: ConversationEventRecord = {
            id: newId(),
            conversationId,
            version: next.version,
            userId: next.userId,
            type: event.type,
            payload: event,
            createdAt: new Date().toISOString(),
            publishedAt: null,
          };
          await tx.events.appendEvent(row);
          await onRecorded?.(tx, row);
          recorded.push(row);
        };
        return work(tx, record);
      });
      // Not awaited: the change is committed, and a bus that is slow or down must not hold up the caller.
      void relay.publish(recorded);
      return result;
    },
  };
}
export type Outbox = ReturnType<typeof createOutbox>;
