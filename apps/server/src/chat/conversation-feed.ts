import type { ServerFrameMap } from "@slipstream/protocol";
import type { AccessPolicy } from "../access/access.ts";
import type { Bus, PublishedConversationEvent } from "../bus/index.ts";
import type { Principal } from "../identity/principal.ts";
import type { Store } from "../store/index.ts";
import { presentConversation } from "./presenters.ts";

export type FeedUpdate =
  | ServerFrameMap["message"]
  | ServerFrameMap["deleted"]
  | ServerFrameMap["conversation"]
  | ServerFrameMap["member"];

/** How many recent event ids a feed remembers to drop the repeats of at-least-once delivery. */
const SEEN_LIMIT = 1_000;

const ACTIONS = {
  "conversation.created": "created",
  "conversation.updated": "updated",
  "conversation.deleted": "deleted",
} as const;

const MEMBER_ACTIONS = { "member.added": "added", "member.updated": "updated", "member.removed": "removed" } as const;

/** The frame a watcher gets for a domain event. */
function toUpdate({ conversationId, event }: PublishedConversationEvent): FeedUpdate {
  switch (event.type) {
    case "message.created":
    case "message.updated":
      return { type: "message", conversationId, message: event.message };
    case "message.deleted":
      return { type: "deleted", conversationId, messageIds: event.messageIds };
    case "member.added":
    case "member.updated":
      return {
        type: "member",
        conversationId,
        action: MEMBER_ACTIONS[event.type],
        userId: event.member.userId,
        member: event.member,
      };
    case "member.removed":
      return { type: "member", conversationId, action: "removed", userId: event.userId };
    default:
      return {
        type: "conversation",
        conversationId,
        action: ACTIONS[event.type],
        conversation: event.type === "conversation.deleted" ? undefined : event.conversation,
      };
  }
}

/** The user whose role an event changes, if any. */
function memberOf({ event }: PublishedConversationEvent): string | undefined {
  if (event.type === "member.removed") return event.userId;
  if (event.type === "member.added" || event.type === "member.updated") return event.member.userId;
  return undefined;
}

/** Calls `handler` once per event id, however often the event is delivered. */
export function oncePerEvent(handler: (published: PublishedConversationEvent) => void) {
  const seen = new Set<string>();
  return (published: PublishedConversationEvent) => {
    if (seen.has(published.id)) return;
    seen.add(published.id);
    if (seen.size > SEEN_LIMIT) seen.delete(seen.values().next().value as string);
    handler(published);
  };
}

const removedFrom = (conversationId: string): ServerFrameMap["conversation"] => ({
  type: "conversation",
  conversationId,
  action: "removed",
});

/** Live changes of conversations, from their domain events on every instance, for those who may read them. */
export function createConversationFeed({
  bus,
  access,
  store,
  onError,
}: {
  bus: Bus;
  access: AccessPolicy;
  store: Pick<Store, "conversations">;
  /** A list update that could not be delivered (the store failed looking up a conversation shared just now). */
  onError: (error: unknown) => void;
}) {
  return {
    /**
     * Checks access, then calls `listener` on each change of the conversation until the returned function is called.
     * A watcher removed from the conversation gets `removed` and nothing more.
     */
    async watch({
      principal,
      conversationId,
      listener,
    }: {
      principal: Principal;
      conversationId: string;
      listener: (update: FeedUpdate) => void;
    }): Promise<() => void> {
      await access.requireAccess({ principal, action: "conversation.read", conversationId });
      let removed = false;
      const stop = bus.subscribe(
        "conversation.event",
        oncePerEvent((published) => {
          if (removed || published.conversationId !== conversationId) return;
          if (published.event.type === "member.removed" && published.event.userId === principal.userId) {
            removed = true;
            stop();
            return listener(removedFrom(conversationId));
          }
          listener(toUpdate(published));
        }),
      );
      return stop;
    },

    /**
     * Calls `listener` whenever a conversation the principal may read is created, changed or deleted, anywhere; a
     * conversation they are added to arrives as `created`, one they lose as `removed`.
     */
    async watchAll({
      principal,
      listener,
    }: {
      principal: Principal;
      listener: (update: ServerFrameMap["conversation"]) => void;
    }): Promise<() => void> {
      // The conversations shared with this user, kept up to date from member events, so that deciding who gets an
      // event costs no query.
      const shared = new Set(
        (await store.conversations.listReadableConversations({ userId: principal.userId }))
          .filter((conversation) => conversation.role !== "owner")
          .map((conversation) => conversation.id),
      );
      let queue = Promise.resolve();
      const deliver = async (published: PublishedConversationEvent) => {
        const { conversationId, event } = published;
        if (memberOf(published) === principal.userId && published.userId !== principal.userId) {
          if (event.type === "member.removed") {
            shared.delete(conversationId);
            return listener(removedFrom(conversationId));
          }
          if (event.type === "member.added" && !shared.has(conversationId)) {
            shared.add(conversationId);
            const conversation = await store.conversations.findConversationById({ id: conversationId });
            if (conversation) {
              listener({
                type: "conversation",
                conversationId,
                action: "created",
                conversation: presentConversation(conversation),
              });
            }
          }
          return;
        }
        if (!event.type.startsWith("conversation.")) return;
        if (published.userId !== principal.userId && !shared.has(conversationId)) return;
        if (event.type === "conversation.deleted") shared.delete(conversationId);
        listener(toUpdate(published) as ServerFrameMap["conversation"]);
      };
      return bus.subscribe(
        "conversation.event",
        oncePerEvent((published) => {
          queue = queue.then(() => deliver(published)).catch(onError);
        }),
      );
    },
  };
}
export type ConversationFeed = ReturnType<typeof createConversationFeed>;
