import { z } from "zod";
import { idSchema } from "./common.ts";
import { conversationSchema } from "./conversations.ts";
import { versionedConversationEventSchema } from "./events.ts";
import { memberSchema } from "./members.ts";
import { messageSchema, sendMessageBodySchema } from "./messages.ts";
import { savedReplySchema, streamPartSchema } from "./stream-parts.ts";

export const presenceStateSchema = z.enum(["viewing", "typing", "away"]);
export type PresenceState = z.infer<typeof presenceStateSchema>;
export const presenceUserSchema = z.object({ id: z.string(), name: z.string(), state: presenceStateSchema });
export type PresenceUser = z.infer<typeof presenceUserSchema>;

/** Echoed back on `accepted` and `error` frames, so a client can match answers to requests. */
const requestIdSchema = z.string().max(100).optional();

export const clientFrameSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("subscribe"),
    streamId: idSchema,
    after: z.number().int().min(0).optional(),
    requestId: requestIdSchema,
  }),
  z.object({ type: z.literal("unsubscribe"), streamId: idSchema, requestId: requestIdSchema }),
  sendMessageBodySchema.extend({ type: z.literal("send"), conversationId: idSchema, requestId: requestIdSchema }),
  /**
   * Without `after`: live `message`, `conversation` and `member` frames. With `after`: every `conversationEvent`
   * after that version from the history, then the live ones, in version order with no gap and no duplicate.
   */
  z.object({
    type: z.literal("watch"),
    conversationId: idSchema,
    after: z.number().int().min(0).optional(),
    requestId: requestIdSchema,
  }),
  z.object({ type: z.literal("unwatch"), conversationId: idSchema, requestId: requestIdSchema }),
  /** Every conversation of the user, created, renamed or deleted anywhere: what a sidebar shows. */
  z.object({ type: z.literal("watchConversations"), requestId: requestIdSchema }),
  z.object({ type: z.literal("unwatchConversations"), requestId: requestIdSchema }),
  z.object({ type: z.literal("cancel"), streamId: idSchema, requestId: requestIdSchema }),
  z.object({ type: z.literal("ping"), requestId: requestIdSchema }),
  /** Tells the conversation's watchers what this socket's user is doing there. */
  z.object({
    type: z.literal("presence"),
    conversationId: idSchema,
    state: presenceStateSchema,
    requestId: requestIdSchema,
  }),
]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;
export type ClientFrameType = ClientFrame["type"];
export type ClientFrameMap = { [T in ClientFrameType]: Extract<ClientFrame, { type: T }> };

export const serverFrameSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("event"),
    streamId: z.string(),
    seq: z.number().int().positive(),
    part: streamPartSchema,
  }),
  /** The stream's log has ended: nothing follows for this streamId (the `[DONE]` of SSE). */
  z.object({ type: z.literal("done"), streamId: z.string() }),
  /**
   * The stream's log was lost before it ended (the stream store restarted): nothing follows for this streamId, and
   * the reply is saved as `messageId` in `conversationId` (it may still be generating; a watch brings its final state).
   */
  savedReplySchema.extend({ type: z.literal("gone"), message: z.string() }),
  z.object({
    type: z.literal("accepted"),
    requestId: requestIdSchema,
    message: messageSchema,
    reply: messageSchema,
    streamId: z.string(),
  }),
  z.object({ type: z.literal("message"), conversationId: z.string(), message: messageSchema }),
  /** A branch of messages was deleted: these ids are gone from the conversation. */
  z.object({ type: z.literal("deleted"), conversationId: z.string(), messageIds: z.array(z.string()) }),
  z.object({
    type: z.literal("conversation"),
    conversationId: z.string(),
    /** `removed`: the receiver lost their role in it (removed by the owner, or left); nothing more follows. */
    action: z.enum(["created", "updated", "deleted", "removed"]),
    conversation: conversationSchema.optional(),
  }),
  /** A member was added, had their role changed, or was removed (then only `userId` is set). */
  z.object({
    type: z.literal("member"),
    conversationId: z.string(),
    action: z.enum(["added", "updated", "removed"]),
    userId: z.string(),
    member: memberSchema.optional(),
  }),
  z.object({ type: z.literal("ok"), requestId: requestIdSchema }),
  z.object({
    type: z.literal("error"),
    code: z.string(),
    message: z.string(),
    requestId: requestIdSchema,
    /** With `rate_limited` and `quota_exceeded`: when to try again, as HTTP's Retry-After says. */
    retryAfterSeconds: z.number().int().positive().optional(),
  }),
  z.object({ type: z.literal("pong"), requestId: requestIdSchema }),
  /** One event of a conversation's history, for a watch with `after`. */
  versionedConversationEventSchema.omit({ createdAt: true }).extend({ type: z.literal("conversationEvent") }),
  /** The watch could not go on without a gap (the history could not be read): load the snapshot, and watch again. */
  z.object({ type: z.literal("resync"), conversationId: z.string() }),
  /** Who is in the conversation now, on every instance: sent on each change, and once when a watch starts. */
  z.object({ type: z.literal("presence"), conversationId: z.string(), users: z.array(presenceUserSchema) }),
]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;
export type ServerFrameType = ServerFrame["type"];
export type ServerFrameMap = { [T in ServerFrameType]: Extract<ServerFrame, { type: T }> };
