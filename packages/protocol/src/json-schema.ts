import { z } from "zod";
import {
  authProvidersResponseSchema,
  changePasswordBodySchema,
  loginBodySchema,
  registerBodySchema,
  sessionResponseSchema,
} from "./auth.ts";
import { errorBodySchema } from "./common.ts";
import {
  conversationResponseSchema,
  conversationsResponseSchema,
  createConversationBodySchema,
  modelsResponseSchema,
  updateConversationBodySchema,
} from "./conversations.ts";
import { healthResponseSchema } from "./health.ts";
import { messagesResponseSchema, sendMessageBodySchema, sendMessageResponseSchema } from "./messages.ts";
import { clientFrameSchema, serverFrameSchema } from "./realtime.ts";
import { streamPartSchema } from "./stream-parts.ts";
import { cancelStreamResponseSchema } from "./streams.ts";
import { uiChatRequestSchema } from "./ui-chat.ts";

/** Every public body, frame and stream part, by the name it has in the generated JSON Schema. */
const PROTOCOL = {
  ErrorBody: errorBodySchema,
  RegisterBody: registerBodySchema,
  LoginBody: loginBodySchema,
  ChangePasswordBody: changePasswordBodySchema,
  SessionResponse: sessionResponseSchema,
  AuthProvidersResponse: authProvidersResponseSchema,
  ModelsResponse: modelsResponseSchema,
  CreateConversationBody: createConversationBodySchema,
  UpdateConversationBody: updateConversationBodySchema,
  ConversationResponse: conversationResponseSchema,
  ConversationsResponse: conversationsResponseSchema,
  SendMessageBody: sendMessageBodySchema,
  SendMessageResponse: sendMessageResponseSchema,
  MessagesResponse: messagesResponseSchema,
  StreamPart: streamPartSchema,
  CancelStreamResponse: cancelStreamResponseSchema,
  UiChatRequest: uiChatRequestSchema,
  HealthResponse: healthResponseSchema,
  ClientFrame: clientFrameSchema,
  ServerFrame: serverFrameSchema,
};

/** The JSON Schema of the whole protocol, generated from the Zod schemas (never written by hand). */
export function protocolJsonSchema() {
  const definitions = Object.fromEntries(
    Object.entries(PROTOCOL).map(([name, schema]) => [name, z.toJSONSchema(schema, { unrepresentable: "any" })]),
  );
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "Slipstream protocol",
    $defs: definitions,
  };
}
