import { z } from "zod";
import { idSchema, timestampSchema } from "./common.ts";
import { conversationSchema } from "./conversations.ts";
import { messagePartSchema, messageSchema, messageStatusSchema } from "./messages.ts";

/** A share link: anyone with its `url` reads the conversation as it was when shared. */
export const shareSchema = z.object({ id: z.string(), url: z.string(), createdAt: timestampSchema });
export type Share = z.infer<typeof shareSchema>;
export const shareResponseSchema = z.object({ share: shareSchema });
export const sharesResponseSchema = z.object({ shares: z.array(shareSchema) });

/** A message as a share link shows it: no ids of accounts, the author by name only. */
export const sharedMessageSchema = z.object({
  id: idSchema,
  parentId: idSchema.nullable(),
  role: z.enum(["user", "assistant", "system"]),
  content: z.string(),
  parts: z.array(messagePartSchema),
  model: z.string().nullable(),
  status: messageStatusSchema,
  /** The author's display name, for user messages. */
  author: z.string().nullable(),
  createdAt: timestampSchema,
});
export type SharedMessage = z.infer<typeof sharedMessageSchema>;

/** `GET /api/shares/:id`, no session needed: the copy made when the link was, branches kept. */
export const sharedConversationSchema = z.object({
  share: z.object({ id: z.string(), createdAt: timestampSchema }),
  conversation: z.object({ title: z.string(), model: z.string(), createdAt: timestampSchema }),
  messages: z.array(sharedMessageSchema),
});
export type SharedConversation = z.infer<typeof sharedConversationSchema>;

/** One conversation in an export: its settings and its whole message tree. */
export const exportedConversationSchema = z.object({
  // Exports made before spaces have no `spaceId`; an import puts nothing into a space anyway.
  conversation: conversationSchema.extend({ spaceId: idSchema.nullable().optional() }),
  messages: z.array(messageSchema),
});
/** `GET /api/export`: every conversation the user owns. */
export const exportSchema = z.object({
  format: z.literal("slipstream.export"),
  version: z.literal(1),
  exportedAt: timestampSchema,
  conversations: z.array(exportedConversationSchema),
});
export type ConversationExport = z.infer<typeof exportSchema>;

export const exportQuerySchema = z.object({ format: z.enum(["json", "markdown"]).default("json") });

export const SEARCH_LIMIT_MAX = 50;
export const searchQuerySchema = z.object({
  q: z.string().trim().min(1).max(200),
  limit: z.coerce.number().int().min(1).max(SEARCH_LIMIT_MAX).default(20),
});
/** A hit: `messageId` null for a title; `snippet` has each matched word between `<mark>` and `</mark>`, the rest is plain text to escape. */
export const searchResultSchema = z.object({
  conversationId: idSchema,
  messageId: idSchema.nullable(),
  title: z.string(),
  snippet: z.string(),
});
export type SearchResult = z.infer<typeof searchResultSchema>;
export const searchResponseSchema = z.object({ results: z.array(searchResultSchema) });
