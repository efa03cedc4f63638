import type { ConversationEvent } from "@slipstream/protocol";
import { presentConversation, presentMember, presentMessage } from "../chat/presenters.ts";
import type { ConversationRecord, MemberWithUser, MessageRecord, SpaceMemberWithUser } from "../store/index.ts";

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
  spaceRenamed: ({ id, name }: { id: string; name: string }): ConversationEvent => ({
    type: "space.renamed",
    spaceId: id,
    name,
  }),
  spaceMemberAdded: (member: SpaceMemberWithUser): ConversationEvent => ({
    type: "space.member.added",
    spaceId: member.spaceId,
    member: presentMember(member),
  }),
  spaceMemberUpdated: (member: SpaceMemberWithUser): ConversationEvent => ({
    type: "space.member.updated",
    spaceId: member.spaceId,
    member: presentMember(member),
  }),
  spaceMemberRemoved: ({ spaceId, userId }: { spaceId: string; userId: string }): ConversationEvent => ({
    type: "space.member.removed",
    spaceId,
    userId,
  }),
};
