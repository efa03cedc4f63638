import type {
  AuthProvidersResponse,
  ChangePasswordBody,
  Conversation,
  CreateConversationBody,
  LoginBody,
  Message,
  ModelsResponse,
  RegisterBody,
  SendMessageBody,
  SendMessageResponse,
  ToolsResponse,
  UpdateConversationBody,
  User,
} from "@slipstream/protocol";
import { connectRealtime, type WebSocketFactory } from "./realtime.ts";
import { readStream, type StreamOptions } from "./sse.ts";
import { type ClientOptions, createTransport } from "./transport.ts";

export { SlipstreamError, StreamGoneError } from "./errors.ts";
export type { RealtimeConnection, WebSocketFactory, WebSocketLike } from "./realtime.ts";
export { parseEventStream, type StreamOptions } from "./sse.ts";
export type { ClientOptions } from "./transport.ts";

const path = (...segments: string[]) => segments.map(encodeURIComponent).join("/");

/**
 * The typed Slipstream SDK: REST, SSE with resume, and the WebSocket API.
 * @example
 * const client = createClient({ baseUrl: "http://127.0.0.1:3000" });
 * await client.auth.login({ email, password });
 * const { streamId } = await client.messages.send(conversationId, { content: "Hello" });
 * for await (const { part } of client.streams.read(streamId)) if (part.type === "text-delta") print(part.delta);
 */
export function createClient(options: ClientOptions & { webSocket?: WebSocketFactory }) {
  const transport = createTransport(options);
  const { json } = transport;
  return {
    transport,
    auth: {
      register: (body: RegisterBody) => json<{ user: User }>("POST", "/api/auth/register", body),
      login: (body: LoginBody) => json<{ user: User }>("POST", "/api/auth/login", body),
      logout: () => json<void>("POST", "/api/auth/logout"),
      session: () => json<{ user: User }>("GET", "/api/auth/session"),
      providers: () => json<AuthProvidersResponse>("GET", "/api/auth/providers"),
      changePassword: (body: ChangePasswordBody) => json<{ user: User }>("POST", "/api/auth/password", body),
    },
    models: {
      list: async () => (await json<ModelsResponse>("GET", "/api/models")).models,
      /** The models with each provider's reachability, for a model picker. */
      catalog: () => json<ModelsResponse>("GET", "/api/models"),
    },
    tools: {
      /** The tools a conversation may enable (its `tools` lists their ids). */
      list: async () => (await json<ToolsResponse>("GET", "/api/tools")).tools,
    },
    conversations: {
      list: async () => (await json<{ conversations: Conversation[] }>("GET", "/api/conversations")).conversations,
      create: async (body: CreateConversationBody = {}) =>
        (await json<{ conversation: Conversation }>("POST", "/api/conversations", body)).conversation,
      get: async (id: string) =>
        (await json<{ conversation: Conversation }>("GET", `/api/conversations/${path(id)}`)).conversation,
      update: async (id: string, body: UpdateConversationBody) =>
        (await json<{ conversation: Conversation }>("PATCH", `/api/conversations/${path(id)}`, body)).conversation,
      remove: (id: string) => json<void>("DELETE", `/api/conversations/${path(id)}`),
    },
    messages: {
      list: async (conversationId: string) =>
        (await json<{ messages: Message[] }>("GET", `/api/conversations/${path(conversationId)}/messages`)).messages,
      send: (conversationId: string, body: SendMessageBody) =>
        json<SendMessageResponse>("POST", `/api/conversations/${path(conversationId)}/messages`, body),
    },
    streams: {
      read: (streamId: string, streamOptions?: StreamOptions) => readStream(transport, streamId, streamOptions),
      cancel: (streamId: string) => json<{ status: string }>("POST", `/api/streams/${path(streamId)}/cancel`),
    },
    /** Opens the WebSocket API with this client's session. */
    connect: () => {
      const factory =
        options.webSocket ?? ((url: string) => new WebSocket(url) as unknown as ReturnType<WebSocketFactory>);
      return connectRealtime(transport, factory);
    },
  };
}
export type SlipstreamClient = ReturnType<typeof createClient>;
