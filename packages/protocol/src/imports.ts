import { z } from "zod";
import { idSchema, timestampSchema } from "./common.ts";
import { exportSchema } from "./sharing.ts";

/**
 * One node of a ChatGPT `conversations.json` tree. Only the fields Slipstream reads are checked; the rest (and
 * content types it does not know) pass through, since OpenAI adds fields over time.
 */
export const chatGptNodeSchema = z.looseObject({
  id: z.string(),
  message: z
    .looseObject({
      author: z.looseObject({ role: z.string() }),
      content: z.looseObject({
        content_type: z.string(),
        parts: z.array(z.unknown()).optional(),
        text: z.string().optional(),
        language: z.string().optional(),
      }),
      create_time: z.number().nullable().optional(),
      update_time: z.number().nullable().optional(),
      recipient: z.string().optional(),
      metadata: z.record(z.string(), z.unknown()).optional(),
    })
    .nullable()
    .optional(),
  parent: z.string().nullable().optional(),
  children: z.array(z.string()).optional(),
});
export type ChatGptNode = z.infer<typeof chatGptNodeSchema>;

/** One conversation of ChatGPT's data export: a tree of nodes, `current_node` the leaf the user last saw. */
export const chatGptConversationSchema = z.looseObject({
  title: z.string().nullable().optional(),
  create_time: z.number().nullable().optional(),
  update_time: z.number().nullable().optional(),
  mapping: z.record(z.string(), chatGptNodeSchema),
  current_node: z.string().nullable().optional(),
  default_model_slug: z.string().nullable().optional(),
});
export type ChatGptConversation = z.infer<typeof chatGptConversationSchema>;

/** ChatGPT's `conversations.json`: an array of conversations. */
export const chatGptExportSchema = z.array(chatGptConversationSchema);

/** `POST /api/import`: a Slipstream export (`GET /api/export`) or ChatGPT's `conversations.json`. */
export const importBodySchema = z.union([exportSchema, chatGptExportSchema]);
export type ImportBody = z.infer<typeof importBodySchema>;

export const importStatusSchema = z.enum(["queued", "running", "complete", "error"]);
export type ImportStatus = z.infer<typeof importStatusSchema>;

/** An import's progress: `done` of `total` conversations written so far, their ids in `conversationIds`. */
export const importSchema = z.object({
  id: idSchema,
  status: importStatusSchema,
  total: z.number().int(),
  done: z.number().int(),
  conversationIds: z.array(idSchema),
  /** Why it stopped, when status is `error`. */
  error: z.string().nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Import = z.infer<typeof importSchema>;
export const importResponseSchema = z.object({ import: importSchema });
