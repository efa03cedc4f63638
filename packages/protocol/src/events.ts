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
  /** A message and every reply under it were deleted (a branch), their ids in tree order, the message first. */
  z.object({ type: z.literal("message.deleted"), messageIds: z.array(idSchema).min(1) }),
  /** Someone was given a role in the conversation, or had it changed. */
  z.object({ type: z.literal("member.added"), member: memberSchema }),
  z.object({ type: z.literal("member.updated"), member: memberSchema }),
  /** Someone lost their role: they were removed, or left. */
  z.object({ type: z.literal("member.removed"), userId: idSchema }),
  /**
   * The conversation's space changed: recorded on each conversation of the space, so that the space's members learn
   * of it through the conversations they follow. A conversation moving into or out of a space is `conversation.updated`.
   */
  z.object({ type: z.literal("space.renamed"), spaceId: idSchema, name: z.string() }),
  z.object({ type: z.literal("space.member.added"), spaceId: idSchema, member: memberSchema }),
  z.object({ type: z.literal("space.member.updated"), spaceId: idSchema, member: memberSchema }),
  z.object({ type: z.literal("space.member.removed"), spaceId: idSchema, userId: idSchema }),
]);
export type ConversationEvent = z.infer<typeof conversationEventSchema>;
export type ConversationEventType = ConversationEvent["type"];

/** One entry of a conversation's history: its event, numbered. */
export const versionedConversationEventSchema = z.object({
  conversationId: idSchema,
  version: z.number().int().positive(),
  event: conversationEventSchema,
  createdAt: z.string(),
});
export type VersionedConversationEvent = z.infer<typeof versionedConversationEventSchema>;

export const EVENTS_PAGE_MAX = 1_000;
export const eventsQuerySchema = z.object({
  /** The last version the client has; the page starts right after it. */
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(EVENTS_PAGE_MAX).default(200),
});
export type EventsQuery = z.infer<typeof eventsQuerySchema>;

/** A page of history: versions after `after`, consecutive; ask again with `after: nextAfter` while `hasMore`. */
export const eventsResponseSchema = z.object({
  events: z.array(versionedConversationEventSchema),
  nextAfter: z.number().int().min(0),
  hasMore: z.boolean(),
});
export type EventsResponse = z.infer<typeof eventsResponseSchema>;
