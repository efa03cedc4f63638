import { MESSAGE_CONTENT_MAX_LENGTH, type UiChatRequest, uiMessageText } from "@slipstream/protocol";
import { v5 as uuidv5 } from "uuid";
import type { AccessPolicy } from "../access/access.ts";
import { badRequest, isDomainError } from "../errors.ts";
import type { Principal } from "../identity/principal.ts";
import type { ConversationRecord } from "../store/index.ts";
import type { ConversationService } from "./conversation.service.ts";
import type { MessageService } from "./message.service.ts";

/** Namespace of the conversation ids derived from `useChat` chat ids (a fixed, random UUID). */
const CHAT_NAMESPACE = "2f1d7c52-3b8e-4f0a-9d6b-8a1e5c4f7b20";

/**
 * `useChat` (the AI SDK's chat hook) over Slipstream's conversations: a chat id names a conversation of the user,
 * its turns go through `sendMessage` (so the generation belongs to the server and is logged like any other), and a
 * reload resumes the running reply from its stream log, on any instance.
 */
export function createUiChatService({
  conversations,
  messages,
  access,
}: {
  conversations: ConversationService;
  messages: MessageService;
  access: AccessPolicy;
}) {
  /** Per user, so two users' chats with the same client-made id are two conversations, and ids reveal nothing. */
  const derivedId = (principal: Principal, chatId: string) => uuidv5(chatId, uuidv5(principal.userId, CHAT_NAMESPACE));

  async function readable(principal: Principal, conversationId: string) {
    try {
      return (await access.requireAccess({ principal, action: "conversation.read", conversationId })).conversation;
    } catch (error) {
      if (isDomainError(error) && error.code === "not_found") return undefined;
      throw error;
    }
  }

  /** A chat id that is one of the user's conversations is that conversation (a front end over existing ones). */
  async function findConversation(principal: Principal, chatId: string): Promise<ConversationRecord | undefined> {
    return (await readable(principal, chatId)) ?? (await readable(principal, derivedId(principal, chatId)));
  }

  async function openConversation(principal: Principal, chatId: string, model: string | undefined) {
    const found = await findConversation(principal, chatId);
    if (found) return found;
    try {
      return await conversations.createConversation({ principal, id: derivedId(principal, chatId), model });
    } catch (error) {
      // The same chat's first two requests raced: the other one created it.
      const created = await readable(principal, derivedId(principal, chatId));
      if (created) return created;
      throw error;
    }
  }

  /** The user message to answer again: the one before `messageId` (a reply), or the newest user message. */
  async function regenerationParent(principal: Principal, conversationId: string, messageId: string | undefined) {
    const list = await messages.listMessages({ principal, conversationId });
    const regenerated = messageId ? list.find((message) => message.id === messageId) : undefined;
    const parent = regenerated?.parentId
      ? list.find((message) => message.id === regenerated.parentId)
      : list.findLast((message) => message.role === "user");
    if (parent?.role !== "user") throw badRequest("There is no message to regenerate in this chat.");
    return parent.id;
  }

  return {
    /** Starts the turn the request asks for; returns its stream. */
    async submit({ principal, request }: { principal: Principal; request: UiChatRequest }) {
      const conversation = await openConversation(principal, request.id, request.model);
      if (request.trigger === "regenerate-message") {
        const parentId = await regenerationParent(principal, conversation.id, request.messageId);
        return messages.sendMessage({ principal, conversationId: conversation.id, parentId, model: request.model });
      }
      const last = request.messages.at(-1);
      if (last?.role !== "user") throw badRequest("The last message of a submitted chat must be the user's.");
      const content = uiMessageText(last);
      if (content === "" || content.length > MESSAGE_CONTENT_MAX_LENGTH) {
        throw badRequest(`Send between 1 and ${MESSAGE_CONTENT_MAX_LENGTH} characters of text.`);
      }
      return messages.sendMessage({ principal, conversationId: conversation.id, content, model: request.model });
    },

    /** The stream of the chat's reply that is still being generated, if there is one. */
    async findRunningStream({ principal, chatId }: { principal: Principal; chatId: string }) {
      const conversation = await findConversation(principal, chatId);
      if (!conversation) return undefined;
      const list = await messages.listMessages({ principal, conversationId: conversation.id });
      const running = list.findLast((message) => message.role === "assistant" && message.status === "streaming");
      return running?.streamId ?? undefined;
    },
  };
}
export type UiChatService = ReturnType<typeof createUiChatService>;
