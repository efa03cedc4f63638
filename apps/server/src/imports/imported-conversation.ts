import {
  conversationParamsSchema,
  messagePartSchema,
  messageStatusSchema,
  messageUsageSchema,
  toolIdsSchema,
} from "@slipstream/protocol";
import { z } from "zod";
import type { ConversationCopy } from "../chat/conversation-copies.ts";

/**
 * A conversation read from an import, whatever its format, as its job writes it: a copy whose model is only a
 * label until the importing user's models say whether it can go on with it.
 */
export const importedConversationSchema = z.object({
  title: z.string(),
  model: z.string().nullable(),
  systemPrompt: z.string().optional(),
  params: conversationParamsSchema.optional(),
  tools: toolIdsSchema.optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  messages: z.array(
    z.object({
      key: z.string(),
      parentKey: z.string().nullable(),
      role: z.enum(["user", "assistant", "system"]),
      content: z.string(),
      parts: z.array(messagePartSchema),
      model: z.string().nullable(),
      status: messageStatusSchema,
      error: z.string().nullable(),
      usage: messageUsageSchema.nullable().optional(),
      createdAt: z.string(),
    }),
  ),
}) satisfies z.ZodType<Omit<ConversationCopy, "model"> & { model: string | null }>;
export type ImportedConversation = z.infer<typeof importedConversationSchema>;

/** What an import's blob holds until its job ends. */
export const importPayloadSchema = z.object({ conversations: z.array(importedConversationSchema) });
export type ImportPayload = z.infer<typeof importPayloadSchema>;
