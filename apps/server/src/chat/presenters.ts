import type { Conversation, ConversationListItem, Member, Message, Space } from "@slipstream/protocol";
import type {
  ConversationRecord,
  MemberWithUser,
  MessageRecord,
  ReadableConversation,
  SpaceMemberWithUser,
  UserRecord,
  UserSpace,
} from "../store/index.ts";
import { attachmentsOf } from "./file-parts.ts";
import { textParts } from "./message-parts.ts";

export function presentConversation(conversation: ConversationRecord): Conversation {
  const { id, title, model, systemPrompt, params, tools, spaceId, createdAt, updatedAt } = conversation;
  return { id, title, model, systemPrompt, params, tools, spaceId, createdAt, updatedAt };
}

export function presentConversationListItem(conversation: ReadableConversation): ConversationListItem {
  return { ...presentConversation(conversation), role: conversation.role, shared: conversation.shared };
}

export function presentMember({ userId, email, name, role, createdAt }: MemberWithUser | SpaceMemberWithUser): Member {
  return { userId, email, name, role, createdAt };
}

/** The owner as the first entry of a members list (of a conversation or a space, created with it). */
export function presentOwner(
  owner: Pick<UserRecord, "id" | "email" | "name">,
  { createdAt }: { createdAt: string },
): Member {
  return { userId: owner.id, email: owner.email, name: owner.name, role: "owner", createdAt };
}

export function presentSpace({ id, name, role, createdAt, updatedAt }: UserSpace): Space {
  return { id, name, role, createdAt, updatedAt };
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
    authorId,
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
    // Rows written before sharing have no author: a user message then is the owner's, which the list shows.
    authorId: authorId ?? null,
    usage,
    createdAt,
    updatedAt,
  };
}
