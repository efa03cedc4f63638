import type { ConversationEvent, ServerFrameMap, VersionedConversationEvent } from "@slipstream/protocol";
import type { AccessPolicy } from "../access/access.ts";
import type { Bus } from "../bus/index.ts";
import type { Principal } from "../identity/principal.ts";
import type { ConversationEventRecord, Store } from "../store/index.ts";
import { mayEndAccess } from "./access-loss.ts";
import { presentConversation, presentMember, presentMessage, presentOwner } from "./presenters.ts";

const REPLAY_PAGE = 500;
/** A snapshot read while changes commit is read again, this many times, before it gives up. */
const SNAPSHOT_ATTEMPTS = 5;

export type HistoryFrame =
  | ServerFrameMap["conversationEvent"]
  | ServerFrameMap["conversation"]
  | ServerFrameMap["resync"];

const present = (row: ConversationEventRecord): VersionedConversationEvent => ({
  conversationId: row.conversationId,
  version: row.version,
  event: row.payload as ConversationEvent,
  createdAt: row.createdAt,
});

/**
 * A conversation's exact history: the outbox's events, numbered 1, 2, 3, … in the transaction of each change, read
 * in pages, replayed to a late or reconnecting watcher and then followed live with no gap and no duplicate.
 */
export function createConversationHistory({
  store,
  bus,
  access,
  onError,
}: {
  store: Store;
  bus: Bus;
  access: AccessPolicy;
  /** A watch that could not read the history; the watcher is told to resync. */
  onError: (error: unknown) => void;
}) {
  return {
    /** Versions after `after`, consecutive, oldest first. */
    async listEvents({
      principal,
      conversationId,
      after,
      limit,
    }: {
      principal: Principal;
      conversationId: string;
      after: number;
      limit: number;
    }) {
      await access.requireAccess({ principal, action: "conversation.read", conversationId });
      const rows = await store.events.listEventsAfter({ conversationId, after, limit: limit + 1 });
      const events = rows.slice(0, limit).map(present);
      return { events, nextAfter: events.at(-1)?.version ?? after, hasMore: rows.length > limit };
    },

    /**
     * The conversation whole, as of its `version`. Read again while a change commits in between, so that the parts
     * agree with each other and with the version (any isolation level, either dialect).
     */
    async snapshot({ principal, conversationId }: { principal: Principal; conversationId: string }) {
      for (let attempt = 1; ; attempt += 1) {
        const { conversation } = await access.requireAccess({ principal, action: "conversation.read", conversationId });
        const [messages, members, owner] = await Promise.all([
          store.messages.listMessagesByConversationId({ conversationId }),
          store.members.listMembers({ conversationId }),
          store.users.findUserById({ id: conversation.userId }),
        ]);
        const after = await store.conversations.findConversationById({ id: conversationId });
        if (after?.version === conversation.version || attempt === SNAPSHOT_ATTEMPTS) {
          return {
            version: conversation.version,
            conversation: presentConversation(conversation),
            members: [...(owner ? [presentOwner(owner, conversation)] : []), ...members.map(presentMember)],
            messages: messages.map(presentMessage),
          };
        }
      }
    },

    /**
     * Sends every event after `after`, then the live ones, each exactly once and in version order: a live event
     * that arrives ahead of the next expected version (delivery is at least once, in any order across instances)
     * makes the watch read the missing ones from the history first. Resolves once the replay is sent.
     */
    async follow({
      principal,
      conversationId,
      after,
      listener,
    }: {
      principal: Principal;
      conversationId: string;
      after: number;
      listener: (frame: HistoryFrame) => void;
    }): Promise<() => void> {
      const { conversation } = await access.requireAccess({ principal, action: "conversation.read", conversationId });
      let spaceId = conversation.spaceId;
      let last = after;
      let stopped = false;
      let queue = Promise.resolve();

      // A removal replayed from the history is not the end for someone added back since.
      const readableNow = () =>
        access.requireAccess({ principal, action: "conversation.read", conversationId }).then(
          () => true,
          () => false,
        );
      const emit = async (version: number, event: ConversationEvent) => {
        last = version;
        listener({ type: "conversationEvent", conversationId, version, event });
        const mayEnd = mayEndAccess(event, principal.userId, spaceId);
        if (event.type === "conversation.updated") spaceId = event.conversation.spaceId;
        if (!mayEnd || (event.type !== "conversation.deleted" && (await readableNow()))) return;
        stop();
        if (event.type !== "conversation.deleted")
          listener({ type: "conversation", conversationId, action: "removed" });
      };
      const catchUp = async () => {
        for (;;) {
          const page = await store.events.listEventsAfter({ conversationId, after: last, limit: REPLAY_PAGE });
          for (const row of page) {
            if (stopped) return;
            await emit(row.version, row.payload as ConversationEvent);
          }
          if (page.length < REPLAY_PAGE) return;
        }
      };
      const run = (work: () => Promise<void> | void) => {
        queue = queue.then(work).catch((error: unknown) => {
          if (stopped) return;
          onError(error);
          stop();
          listener({ type: "resync", conversationId });
        });
        return queue;
      };
      // Subscribed before the replay reads, so nothing committed meanwhile falls between the two.
      const unsubscribe = bus.subscribe("conversation.event", (published) => {
        if (published.conversationId !== conversationId) return;
        void run(async () => {
          if (stopped || published.version <= last) return;
          if (published.version === last + 1) await emit(published.version, published.event);
          else await catchUp();
        });
      });
      function stop() {
        stopped = true;
        unsubscribe();
      }
      await run(catchUp);
      return stop;
    },
  };
}
export type ConversationHistory = ReturnType<typeof createConversationHistory>;
