import { adminUpdateUserBodySchema, adminUserResponseSchema, adminUsersResponseSchema } from "./admin.ts";
import {
  authProviderSchema,
  authProvidersResponseSchema,
  changePasswordBodySchema,
  loginBodySchema,
  registerBodySchema,
  sessionResponseSchema,
  userSchema,
} from "./auth.ts";
import { errorBodySchema } from "./common.ts";
import {
  conversationResponseSchema,
  conversationSchema,
  conversationsResponseSchema,
  createConversationBodySchema,
  modelSchema,
  modelsResponseSchema,
  providerStatusSchema,
  updateConversationBodySchema,
} from "./conversations.ts";
import { conversationEventSchema } from "./events.ts";
import { healthResponseSchema } from "./health.ts";
import {
  messagePartSchema,
  messageSchema,
  messageStatusSchema,
  messagesResponseSchema,
  sendMessageBodySchema,
  sendMessageResponseSchema,
} from "./messages.ts";
import { clientFrameSchema, serverFrameSchema } from "./realtime.ts";
import { streamGonePartSchema, streamPartSchema } from "./stream-parts.ts";
import { cancelStreamResponseSchema } from "./streams.ts";
import { toolSchema, toolsResponseSchema } from "./tools.ts";
import { uiChatRequestSchema } from "./ui-chat.ts";

/**
 * Every named schema of the protocol: bodies, responses, the records they hold, frames and stream parts. The JSON
 * Schema (`protocol.schema.json`) and the OpenAPI document both take their definitions from here.
 */
export const PROTOCOL_SCHEMAS = {
  ErrorBody: errorBodySchema,
  User: userSchema,
  RegisterBody: registerBodySchema,
  LoginBody: loginBodySchema,
  ChangePasswordBody: changePasswordBodySchema,
  SessionResponse: sessionResponseSchema,
  AuthProvider: authProviderSchema,
  AuthProvidersResponse: authProvidersResponseSchema,
  AdminUsersResponse: adminUsersResponseSchema,
  AdminUpdateUserBody: adminUpdateUserBodySchema,
  AdminUserResponse: adminUserResponseSchema,
  Model: modelSchema,
  ProviderStatus: providerStatusSchema,
  ModelsResponse: modelsResponseSchema,
  Conversation: conversationSchema,
  CreateConversationBody: createConversationBodySchema,
  UpdateConversationBody: updateConversationBodySchema,
  ConversationResponse: conversationResponseSchema,
  ConversationsResponse: conversationsResponseSchema,
  ConversationEvent: conversationEventSchema,
  MessageStatus: messageStatusSchema,
  MessagePart: messagePartSchema,
  Message: messageSchema,
  SendMessageBody: sendMessageBodySchema,
  SendMessageResponse: sendMessageResponseSchema,
  MessagesResponse: messagesResponseSchema,
  StreamPart: streamPartSchema,
  StreamGonePart: streamGonePartSchema,
  CancelStreamResponse: cancelStreamResponseSchema,
  HealthResponse: healthResponseSchema,
  Tool: toolSchema,
  ToolsResponse: toolsResponseSchema,
  UiChatRequest: uiChatRequestSchema,
  ClientFrame: clientFrameSchema,
  ServerFrame: serverFrameSchema,
};
