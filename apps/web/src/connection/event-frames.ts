import type { ServerFrameMap } from "@slipstream/protocol";

type ConversationEventFrame = ServerFrameMap["conversationEvent"];

const CONVERSATION_ACTIONS = {
  "conversation.created": "created",
  "conversation.updated": "updated",
  "conversation.deleted": "deleted",
} as const;
const MEMBER_ACTIONS = {
  "member.added": "added",
  "member.updated": "updated",
  "space.member.added": "added",
  "space.member.updated": "updated",
} as const;

/**
 * The frame a view already understands for a versioned domain event: a change of the people of the conversation's
 * space is a `member` frame (they are its people too); a renamed space is none.
 */
export function frameOfEvent({
  conversationId,
  event,
}: ConversationEventFrame):
  | ServerFrameMap["message"]
  | ServerFrameMap["deleted"]
  | ServerFrameMap["conversation"]
  | ServerFrameMap["member"]
  | undefined {
  switch (event.type) {
    case "message.created":
    case "message.updated":
      return { type: "message", conversationId, message: event.message };
    case "message.deleted":
      return { type: "deleted", conversationId, messageIds: event.messageIds };
    case "member.added":
    case "member.updated":
    case "space.member.added":
    case "space.member.updated":
      return {
        type: "member",
        conversationId,
        action: MEMBER_ACTIONS[event.type],
        userId: event.member.userId,
        member: event.member,
      };
    case "member.removed":
    case "space.member.removed":
      return { type: "member", conversationId, action: "removed", userId: event.userId };
    case "conversation.deleted":
      return { type: "conversation", conversationId, action: "deleted" };
    case "space.renamed":
      return undefined;
    default:
      return {
        type: "conversation",
        conversationId,
        action: CONVERSATION_ACTIONS[event.type],
        conversation: event.conversation,
      };
  }
}
