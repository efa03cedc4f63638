import {
  adminUpdateUserBodySchema,
  adminUserResponseSchema,
  adminUsersResponseSchema,
  authProviderSchema,
  authProvidersResponseSchema,
  cancelStreamResponseSchema,
  changePasswordBodySchema,
  conversationResponseSchema,
  conversationSchema,
  conversationsResponseSchema,
  createConversationBodySchema,
  errorBodySchema,
  healthResponseSchema,
  loginBodySchema,
  messagePartSchema,
  messageSchema,
  messageStatusSchema,
  messagesResponseSchema,
  modelSchema,
  modelsResponseSchema,
  providerStatusSchema,
  registerBodySchema,
  SESSION_COOKIE,
  sendMessageBodySchema,
  sendMessageResponseSchema,
  sessionResponseSchema,
  streamPartSchema,
  uiChatRequestSchema,
  updateConversationBodySchema,
  userSchema,
} from "@slipstream/protocol";
import { createDocument } from "zod-openapi";
import serverPackage from "../../../package.json" with { type: "json" };
import { adminPaths } from "./admin.paths.ts";
import { authPaths } from "./auth.paths.ts";
import { conversationPaths } from "./conversations.paths.ts";
import { messagePaths } from "./messages.paths.ts";
import { modelPaths } from "./models.paths.ts";
import { frameSchemas, servicePaths } from "./service.paths.ts";
import { streamPaths } from "./streams.paths.ts";
import { uiChatPaths } from "./ui-chat.paths.ts";

/** The protocol's schemas by the name they have in the document; wherever one is used, it is a `$ref` to this. */
const SCHEMAS = {
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
  MessageStatus: messageStatusSchema,
  MessagePart: messagePartSchema,
  Message: messageSchema,
  SendMessageBody: sendMessageBodySchema,
  SendMessageResponse: sendMessageResponseSchema,
  MessagesResponse: messagesResponseSchema,
  StreamPart: streamPartSchema,
  CancelStreamResponse: cancelStreamResponseSchema,
  UiChatRequest: uiChatRequestSchema,
  HealthResponse: healthResponseSchema,
  ...frameSchemas,
};

/** The OpenAPI 3.1 description of the HTTP API, generated from the protocol's Zod schemas. */
export function createOpenApiDocument() {
  return createDocument(
    {
      openapi: "3.1.0",
      info: {
        title: "Slipstream",
        version: serverPackage.version,
        description:
          "REST under `/api`, generation streams over SSE, and the WebSocket at `/ws`. Every error is " +
          '`{"error":{"code","message"}}` with a fitting 4xx or 5xx status.',
      },
      // Every operation needs the session cookie unless it says otherwise (`security: []`).
      security: [{ session: [] }],
      tags: [
        { name: "auth", description: "Accounts and sessions." },
        { name: "models", description: "The models a conversation can use." },
        { name: "admin", description: "What administrators do: accounts." },
        { name: "conversations", description: "Conversations." },
        { name: "messages", description: "Messages and turns." },
        { name: "streams", description: "Generations as resumable event streams." },
        { name: "chat", description: "The AI SDK's useChat, unchanged." },
        { name: "realtime", description: "The WebSocket." },
        { name: "service", description: "Health, metrics and this document." },
      ],
      paths: {
        ...authPaths,
        ...adminPaths,
        ...modelPaths,
        ...conversationPaths,
        ...messagePaths,
        ...streamPaths,
        ...uiChatPaths,
        ...servicePaths,
      },
      components: {
        schemas: SCHEMAS,
        securitySchemes: { session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE } },
      },
    },
    {
      // Zod marks a parsed object as closed, but the contract lets responses gain fields ("extend freely"), so a
      // client must not reject one it does not know. Left open, a schema reads the same in requests and responses.
      override: ({ jsonSchema, io }) => {
        if (io === "output" && jsonSchema.additionalProperties === false) delete jsonSchema.additionalProperties;
      },
    },
  );
}
