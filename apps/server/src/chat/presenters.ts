import type { Conversation, Message } from "@slipstream/protocol";
import type { ConversationRecord, MessageRecord } from "../store/index.ts";

export function presentConversation(conversation: ConversationRecord): Conversation {
  const { id, title, model, createdAt, updatedAt } = conversation;
  return { id, title, model, createdAt, updatedAt };
}

export function presentMessage(message: MessageRecord): Message {
  const { id, conversationId, parentId, role, content, model, status, error, streamId, createdAt, updatedAt } = message;
  // Until replies persist their own parts, a message is the one text part it holds.
  const parts = content === "" ? [] : [{ type: "text" as const, text: content }];
  return { id, conversationId, parentId, role, content, parts, model, status, error, streamId, createdAt, updatedAt };
}
