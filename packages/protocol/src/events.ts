import { z } from "zod";
import { idSchema } from "./common.ts";
import { conversationSchema } from "./conversations.ts";
import { memberSchema } from "./members.ts";
import { messageSchema } from "./messages.ts";

/**
 * What happened to a conversation, as recorded in its history: each event has the conversation's next
 * `version` (1, 2, 3, …), so a client that has seen version N needs exactly the events after N.
 */
export const conversationEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("conversation.created"), conversation: conversationSchema }),
  /** Renamed, retitled, its model or settings changed, or touched by a new message. */
  z.object({ type: z.literal("conversation.updated"), conversation: conversationSchema }),
  z.object({ type: z.literal("conversation.deleted") }),
  z.object({ type: z.literal("message.created"), message: messageSchema }),
  /** A message's status changed (a reply finished, failed, was cancelled or interrupted), with its content then. */
  z.object({ type: z.literal("message.updated"), message: messageSchema }),
  /** Someone was given a role in the conversation, or had it changed. */
  z.object({ type: z.literal("member.added"), member: memberSchema }),
  z.object({ type: z.literal("member.updated"), member: memberSchema }),
  /** Someone lost their role: they were removed, or left. */
  z.object({ type: z.literal("member.removed"), userId: idSchema }),
]);
export type ConversationEvent = z.infer<typeof conversationEventSchema>;
export type ConversationEventType = ConversationEvent["type"];
