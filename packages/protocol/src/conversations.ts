import { z } from "zod";
import { idSchema, timestampSchema } from "./common.ts";

export const modelIdSchema = z
  .string()
  .min(3)
  .max(200)
  .regex(/^[^/\s]+\/\S+$/, "must look like provider/model");

export const modelSchema = z.object({ id: z.string(), provider: z.string(), name: z.string() });
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

export const conversationSchema = z.object({
  id: idSchema,
  title: z.string(),
  model: z.string(),
  tools: toolIdsSchema,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Conversation = z.infer<typeof conversationSchema>;

const titleSchema = z.string().trim().min(1).max(200);

export const createConversationBodySchema = z.object({
  title: titleSchema.optional(),
  model: modelIdSchema.optional(),
  tools: toolIdsSchema.optional(),
});
export type CreateConversationBody = z.infer<typeof createConversationBodySchema>;

export const updateConversationBodySchema = z
  .object({ title: titleSchema.optional(), model: modelIdSchema.optional(), tools: toolIdsSchema.optional() })
  .refine(
    (body) => body.title !== undefined || body.model !== undefined || body.tools !== undefined,
    "set title, model or tools",
  );
export type UpdateConversationBody = z.infer<typeof updateConversationBodySchema>;

export const conversationResponseSchema = z.object({ conversation: conversationSchema });
export const conversationsResponseSchema = z.object({ conversations: z.array(conversationSchema) });
