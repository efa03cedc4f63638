import { z } from "zod";
import { idSchema, timestampSchema } from "./common.ts";
import { modelIdSchema } from "./conversations.ts";
import { messageUsageSchema } from "./usage.ts";

export const MESSAGE_CONTENT_MAX_LENGTH = 100_000;

export const messageStatusSchema = z.enum(["streaming", "complete", "cancelled", "error", "interrupted"]);
export type MessageStatus = z.infer<typeof messageStatusSchema>;

/**
 * One part of a message, as the AI SDK's UI messages hold them: `text`, `reasoning`, `file`, `step-start`,
 * tool calls (`tool-<name>` or `dynamic-tool`, with `toolCallId`, `state`, `input`, `output`, `errorText`),
 * `source-url`, `data-*`. Known shapes are checked; other parts pass through with their `type`.
 */
export const messagePartSchema = z.union([
  z.looseObject({ type: z.literal("text"), text: z.string() }),
  z.looseObject({ type: z.literal("reasoning"), text: z.string() }),
  z.looseObject({ type: z.literal("file"), mediaType: z.string(), url: z.string(), filename: z.string().optional() }),
  z.looseObject({ type: z.literal("step-start") }),
  z.looseObject({
    type: z.string().regex(/^(tool-.+|dynamic-tool)$/),
    toolCallId: z.string(),
    state: z.string(),
    input: z.unknown().optional(),
    output: z.unknown().optional(),
    errorText: z.string().optional(),
  }),
  z.looseObject({ type: z.string() }),
]);
export type MessagePart = z.infer<typeof messagePartSchema>;

export const messageSchema = z.object({
  id: idSchema,
  conversationId: idSchema,
  parentId: idSchema.nullable(),
  role: z.enum(["user", "assistant", "system"]),
  /** The message's text: every text part joined. */
  content: z.string(),
  /** Everything the message holds, in order: text, reasoning, tool calls with input and output, files. */
  parts: z.array(messagePartSchema),
  model: z.string().nullable(),
  status: messageStatusSchema,
  /** A readable reason when status is `error`. */
  error: z.string().nullable(),
  /** The generation log of an assistant reply, for attaching with SSE or WebSocket. */
  streamId: z.string().nullable(),
  /** Who wrote a user message (in a shared conversation, one of its members); null for replies. */
  authorId: idSchema.nullable(),
  /** Tokens and cost of an assistant reply once it ended; null for user messages and running replies. */
  usage: messageUsageSchema.nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Message = z.infer<typeof messageSchema>;

/**
 * Sends a user message. `parentId` of an earlier message starts a branch (an edit);
 * `parentId` of a user message with no `content` asks for another reply to it (a regeneration).
 */
export const sendMessageBodySchema = z.object({
  content: z.string().min(1).max(MESSAGE_CONTENT_MAX_LENGTH).optional(),
  model: modelIdSchema.optional(),
  parentId: idSchema.nullable().optional(),
});
export type SendMessageBody = z.infer<typeof sendMessageBodySchema>;

export const sendMessageResponseSchema = z.object({
  message: messageSchema,
  reply: messageSchema,
  streamId: z.string(),
});
export type SendMessageResponse = z.infer<typeof sendMessageResponseSchema>;

export const messagesResponseSchema = z.object({ messages: z.array(messageSchema) });
