import type { ServerFrameMap } from "@slipstream/protocol";
import type { AccessPolicy } from "../access/access.ts";
import type { Bus, PublishedConversationEvent } from "../bus/index.ts";
import type { Principal } from "../identity/principal.ts";

export type FeedUpdate = ServerFrameMap["message"] | ServerFrameMap["conversation"];

/** How many recent event ids a feed remembers to drop the repeats of at-least-once delivery. */
const SEEN_LIMIT = 1_000;

const ACTIONS = {
  "conversation.created": "created",
  "conversation.updated": "updated",
  "conversation.deleted": "deleted",
} as const;

/** The frame a watcher gets for a domain event. */
function toUpdate({ conversationId, event }: PublishedConversationEvent): FeedUpdate {
  if (event.type === "message.created" || event.type === "message.updated") {
    return { type: "message", conversationId, message: event.message };
  }
  return {
    type: "conversation",
    conversationId,
    action: ACTIONS[event.type],
    conversation: event.type === "conversation.deleted" ? undefined : event.conversation,
  };
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

/** Live changes of conversations, from their domain events on every instance, for those who may read them. */
export function createConversationFeed({ bus, access }: { bus: Bus; access: AccessPolicy }) {
  return {
    /** Checks access, then calls `listener` on each change of the conversation until the returned function is called. */
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
      return bus.subscribe(
        "conversation.event",
        oncePerEvent((published) => {
          if (published.conversationId === conversationId) listener(toUpdate(published));
        }),
      );
    },

    /** Calls `listener` whenever a conversation the principal may read is created, changed or deleted, anywhere. */
    watchAll({
      principal,
      listener,
    }: {
      principal: Principal;
      listener: (update: ServerFrameMap["conversation"]) => void;
    }) {
      return bus.subscribe(
        "conversation.event",
        oncePerEvent((published) => {
          if (!published.event.type.startsWith("conversation.") || !access.canRead(principal, published)) return;
          listener(toUpdate(published) as ServerFrameMap["conversation"]);
        }),
      );
    },
  };
}
export type ConversationFeed = ReturnType<typeof createConversationFeed>;
