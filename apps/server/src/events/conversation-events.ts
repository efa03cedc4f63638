import type { ConversationEvent } from "@slipstream/protocol";
import { presentConversation, presentMessage } from "../chat/presenters.ts";
import type { ConversationRecord, MessageRecord } from "../store/index.ts";

/** The one builder of each domain event's payload. */
export const conversationEvents = {
  created: (conversation: ConversationRecord): ConversationEvent => ({
    type: "conversation.created",
    conversation: presentConversation(conversation),
  }),
  updated: (conversation: ConversationRecord): ConversationEvent => ({
    type: "conversation.updated",
    conversation: presentConversation(conversation),
  }),
  deleted: (): ConversationEvent => ({ type: "conversation.deleted" }),
  messageCreated: (message: MessageRecord): ConversationEvent => ({
    type: "message.created",
    message: presentMessage(message),
  }),
  messageUpdated: (message: MessageRecord): ConversationEvent => ({
    type: "message.updated",
    message: presentMessage(message),
  }),
};
