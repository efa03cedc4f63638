import type { ConversationEvent } from "./events.ts";
import type { ServerFrameMap } from "./realtime.ts";

/** The frames a plain watch sends, and the web app's views read: one per domain event that changes what they show. */
export type ConversationUpdateFrame =
  | ServerFrameMap["message"]
  | ServerFrameMap["deleted"]
  | ServerFrameMap["conversation"]
  | ServerFrameMap["member"];

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
 * The frame for a domain event of a conversation: a change of the people of the conversation's space is a `member`
 * frame (they are its people too); a renamed space is none.
 */
export function frameOfConversationEvent(
  conversationId: string,
  event: ConversationEvent,
): ConversationUpdateFrame | undefined {
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
    case "conversation.created":
    case "conversation.updated":
      return {
        type: "conversation",
        conversationId,
        action: CONVERSATION_ACTIONS[event.type],
        conversation: event.conversation,
      };
    case "space.renamed":
      return undefined;
  }
}
