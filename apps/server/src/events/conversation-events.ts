import type { ConversationEvent } from "@slipstream/protocol";
import { presentConversation, presentMember, presentMessage } from "../chat/presenters.ts";
import type { ConversationRecord, MemberWithUser, MessageRecord } from "../store/index.ts";

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
  messageDeleted: (messageIds: string[]): ConversationEvent => ({ type: "message.deleted", messageIds }),
  memberAdded: (member: MemberWithUser): ConversationEvent => ({ type: "member.added", member: presentMember(member) }),
  memberUpdated: (member: MemberWithUser): ConversationEvent => ({
    type: "member.updated",
    member: presentMember(member),
  }),
  memberRemoved: (userId: string): ConversationEvent => ({ type: "member.removed", userId }),
};
