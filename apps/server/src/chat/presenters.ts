import type { Conversation, Message } from "@slipstream/protocol";
import type { ConversationRecord, MessageRecord } from "../store/index.ts";
import { attachmentsOf } from "./file-parts.ts";
import { textParts } from "./message-parts.ts";

export function presentConversation(conversation: ConversationRecord): Conversation {
  const { id, title, model, systemPrompt, params, tools, createdAt, updatedAt } = conversation;
  return { id, title, model, systemPrompt, params, tools, createdAt, updatedAt };
}

export function presentMessage(message: MessageRecord): Message {
  const {
    id,
    conversationId,
    parentId,
    role,
    content,
    parts,
    model,
    status,
    error,
    streamId,
    usage,
    createdAt,
    updatedAt,
  } = message;
  // A running or interrupted reply has only its checkpointed text: its parts are written when it ends.
  const shown = parts.length > 0 ? parts : textParts(content);
  return {
    id,
    conversationId,
    parentId,
    role,
    content,
    parts: shown,
    attachments: attachmentsOf(shown),
    model,
    status,
    error,
    streamId,
    usage,
    createdAt,
    updatedAt,
  };
}
