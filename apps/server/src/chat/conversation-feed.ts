import type { ServerFrameMap } from "@slipstream/protocol";
import type { Bus } from "../bus/index.ts";
import type { ConversationService } from "./conversation.service.ts";

export type FeedUpdate = ServerFrameMap["message"] | ServerFrameMap["conversation"];

/** Live changes of a user's conversations, for their owner only, from every instance. */
export function createConversationFeed({ bus, conversations }: { bus: Bus; conversations: ConversationService }) {
  return {
    /** Checks access, then calls `listener` on each change until the returned function is called. */
    async watch({
      userId,
      conversationId,
      listener,
    }: {
      userId: string;
      conversationId: string;
      listener: (update: FeedUpdate) => void;
    }): Promise<() => void> {
      await conversations.getConversation({ id: conversationId, userId });
      const mine = (payload: { userId: string; conversationId: string }) =>
        payload.userId === userId && payload.conversationId === conversationId;
      const stopMessages = bus.subscribe("message.changed", (payload) => {
        if (mine(payload)) listener({ type: "message", conversationId, message: payload.message });
      });
      const stopConversation = bus.subscribe("conversation.changed", (payload) => {
        if (mine(payload)) {
          listener({
            type: "conversation",
            conversationId,
            action: payload.action,
            conversation: payload.conversation,
          });
        }
      });
      return () => {
        stopMessages();
        stopConversation();
      };
    },

    /** Calls `listener` whenever one of the user's conversations is created, changed or deleted, anywhere. */
    watchAll({ userId, listener }: { userId: string; listener: (update: ServerFrameMap["conversation"]) => void }) {
      return bus.subscribe("conversation.changed", (payload) => {
        if (payload.userId !== userId) return;
        listener({
          type: "conversation",
          conversationId: payload.conversationId,
          action: payload.action,
          conversation: payload.conversation,
        });
      });
    },
  };
}
export type ConversationFeed = ReturnType<typeof createConversationFeed>;
