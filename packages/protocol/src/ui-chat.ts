import { z } from "zod";
import { modelIdSchema } from "./conversations.ts";
import { messagePartSchema } from "./messages.ts";

/** The most messages one `POST /api/chat` may carry: the client resends the whole chat each turn. */
export const UI_CHAT_MAX_MESSAGES = 1_000;

/** A UI message as the AI SDK's `useChat` sends it; only the last user message's text is read. */
export const uiChatMessageSchema = z.looseObject({
  id: z.string().max(200),
  role: z.enum(["user", "assistant", "system"]),
  parts: z.array(messagePartSchema).max(1_000),
});

/**
 * The body of the AI SDK's `DefaultChatTransport` (`useChat` from `@ai-sdk/react`): the chat's id, its messages,
 * and what to do. `model` may be added through the transport's `body` option.
 */
export const uiChatRequestSchema = z.looseObject({
  id: z.string().min(1).max(200),
  messages: z.array(uiChatMessageSchema).max(UI_CHAT_MAX_MESSAGES),
  trigger: z.enum(["submit-message", "regenerate-message"]),
  messageId: z.string().max(200).optional(),
  model: modelIdSchema.optional(),
});
export type UiChatRequest = z.infer<typeof uiChatRequestSchema>;

/** The text of a UI message: its text parts joined, as Slipstream stores a message's `content`. */
export function uiMessageText(message: { parts: { type: string; text?: unknown }[] }): string {
  return message.parts
    .filter((part) => part.type === "text" && typeof part.text === "string")
    .map((part) => part.text as string)
    .join("");
}
