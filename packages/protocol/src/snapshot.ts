import { z } from "zod";
import { conversationSchema } from "./conversations.ts";
import { memberSchema } from "./members.ts";
import { messageSchema } from "./messages.ts";

/** A conversation whole as of `version`: a watcher loads it, then watches with `after: version`. */
export const conversationSnapshotSchema = z.object({
  version: z.number().int().min(0),
  conversation: conversationSchema,
  members: z.array(memberSchema),
  messages: z.array(messageSchema),
});
export type ConversationSnapshot = z.infer<typeof conversationSnapshotSchema>;
