import { z } from "zod";
import { idSchema, timestampSchema } from "./common.ts";
import { conversationRoleSchema } from "./members.ts";

export const modelIdSchema = z
  .string()
  .min(3)
  .max(200)
  .regex(/^[^/\s]+\/\S+$/, "must look like provider/model");

/** What a model makes: chat models answer in text; image models answer with a generated image. */
export const modelKindSchema = z.enum(["chat", "image"]);
export type ModelKind = z.infer<typeof modelKindSchema>;
export const modelSchema = z.object({
  id: z.string(),
  provider: z.string(),
  name: z.string(),
  kind: modelKindSchema,
  /** Whether the model takes images; a message with an image attachment is refused for one that does not. */
  vision: z.boolean(),
});
export type Model = z.infer<typeof modelSchema>;
/** A configured provider and whether its models could be listed (an OpenAI-compatible server may be down). */
export const providerStatusSchema = z.object({
  id: z.string(),
  status: z.enum(["available", "unreachable"]),
  /** Why it is unreachable, in a sentence fit for a user; null when available. */
  message: z.string().nullable(),
});
export type ProviderStatus = z.infer<typeof providerStatusSchema>;
export const modelsResponseSchema = z.object({
  models: z.array(modelSchema),
  providers: z.array(providerStatusSchema),
});
export type ModelsResponse = z.infer<typeof modelsResponseSchema>;

/** A conversation's enabled tools, by id (`GET /api/tools`). */
export const toolIdsSchema = z.array(z.string().min(1).max(200)).max(64);

/** Model parameters of a conversation; a parameter left out is the provider's default. */
export const conversationParamsSchema = z.object({
  temperature: z.number().min(0).max(2).optional(),
  maxOutputTokens: z.number().int().min(1).max(1_000_000).optional(),
  topP: z.number().min(0).max(1).optional(),
});
export type ConversationParams = z.infer<typeof conversationParamsSchema>;

export const SYSTEM_PROMPT_MAX_LENGTH = 20_000;
const systemPromptSchema = z.string().max(SYSTEM_PROMPT_MAX_LENGTH);

export const conversationSchema = z.object({
  id: idSchema,
  title: z.string(),
  model: z.string(),
  /** Sent to the model first, before the branch; may be empty. */
  systemPrompt: z.string(),
  params: conversationParamsSchema,
  /** Ids of the tools enabled in this conversation (`GET /api/tools`). */
  tools: toolIdsSchema,
  /** The space it belongs to (its members reach it by their space role), or null. */
  spaceId: idSchema.nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Conversation = z.infer<typeof conversationSchema>;

const titleSchema = z.string().trim().min(1).max(200);

const settingsFields = {
  systemPrompt: systemPromptSchema.optional(),
  params: conversationParamsSchema.optional(),
  tools: toolIdsSchema.optional(),
};

export const createConversationBodySchema = z.object({
  title: titleSchema.optional(),
  model: modelIdSchema.optional(),
  /** Creates it in this space; needs the space's editor or owner role. */
  spaceId: idSchema.optional(),
  ...settingsFields,
});
export type CreateConversationBody = z.infer<typeof createConversationBodySchema>;

export const updateConversationBodySchema = z
  .object({
    title: titleSchema.optional(),
    model: modelIdSchema.optional(),
    /** Moves it into a space (the mover needs that space's editor or owner role), or out of its space with null. */
    spaceId: idSchema.nullable().optional(),
    ...settingsFields,
  })
  .refine(
    (body) => Object.values(body).some((value) => value !== undefined),
    "set title, model, spaceId, systemPrompt, params or tools",
  );
export type UpdateConversationBody = z.infer<typeof updateConversationBodySchema>;

export const conversationResponseSchema = z.object({ conversation: conversationSchema });
/** A conversation in someone's list: `role` is theirs in it, and `shared` says it has members besides its owner. */
export const conversationListItemSchema = conversationSchema.extend({
  role: conversationRoleSchema,
  shared: z.boolean(),
});
export type ConversationListItem = z.infer<typeof conversationListItemSchema>;

/** A page of conversations, newest first; `nextCursor` asks for the next page, and is null on the last one. */
export const conversationsResponseSchema = z.object({
  conversations: z.array(conversationListItemSchema),
  nextCursor: z.string().nullable(),
});
export type ConversationsPage = z.infer<typeof conversationsResponseSchema>;

/**
 * `GET /api/conversations?limit=&cursor=&spaceId=`: `limit` defaults to, and may not pass, the server's
 * CONVERSATIONS_PAGE_MAX; `spaceId` keeps the conversations of that space only.
 */
export const conversationsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).optional(),
  cursor: z.string().min(1).max(200).optional(),
  spaceId: idSchema.optional(),
});
export type ConversationsQuery = z.infer<typeof conversationsQuerySchema>;
