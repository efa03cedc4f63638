import type { ConversationExport } from "@slipstream/protocol";
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
    messages: messages.map((message) => ({
      key: message.id,
      parentKey: message.parentId,
      role: message.role,
      content: message.content,
      parts: message.parts,
      model: message.model,
      status: message.status,
      error: message.error,
      usage: message.usage,
      createdAt: message.createdAt,
    })),
  }));
}
