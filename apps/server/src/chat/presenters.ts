import type { Conversation, Message } from "@slipstream/protocol";
import type { ConversationRecord, MessageRecord } from "../store/index.ts";

export function presentConversation(conversation: ConversationRecord): Conversation {
  const { id, title, model, createdAt, updatedAt } = conversation;
  return { id, title, model, createdAt, updatedAt };
}

export function presentMessage(message: MessageRecord): Message {
  const { id, conversationId, parentId, role, content, model, status, error, streamId, createdAt, updatedAt } = message;
  return { id, conversationId, parentId, role, content, model, status, error, streamId, createdAt, updatedAt };
}
