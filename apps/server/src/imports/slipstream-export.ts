import type { ConversationExport } from "@slipstream/protocol";
import { copiedMessage } from "../chat/conversation-copies.ts";
import type { ImportedConversation } from "./imported-conversation.ts";

/**
 * A Slipstream export as it was written: its messages come in id order, which is creation order, so parents come
 * first and the newest message (the branch a reader sees) last.
 */
export function fromSlipstreamExport(exported: ConversationExport): ImportedConversation[] {
  return exported.conversations.map(({ conversation, messages }) => ({
    title: conversation.title,
    model: conversation.model,
    systemPrompt: conversation.systemPrompt,
    params: conversation.params,
    tools: conversation.tools,
    createdAt: conversation.createdAt,
    updatedAt: conversation.updatedAt,
    messages: messages.map(copiedMessage),
  }));
}
