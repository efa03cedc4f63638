import type {
  AddMemberBody,
  AdminMcpResponse,
  AdminModel,
  AdminUpdateModelBody,
  AdminUpdateUserBody,
  AdminUser,
  ApiToken,
  AuthProvidersResponse,
  ChangePasswordBody,
  Conversation,
  ConversationExport,
  ConversationListItem,
  ConversationSnapshot,
  ConversationsPage,
  ConversationsQuery,
  CreateApiTokenBody,
  CreateApiTokenResponse,
  CreateConversationBody,
  CreateProviderConnectionBody,
  CreateProviderKeyBody,
  CreateSpaceBody,
  CreateTriggerBody,
  CreateWebhookBody,
  EventsResponse,
  Import,
  ImportBody,
  LoginBody,
  Member,
  MemberRole,
  Message,
  ModelsResponse,
  PluginsResponse,
  ProviderConnection,
  ProviderKey,
  RegisterBody,
  SearchResult,
  SendMessageBody,
  SendMessageResponse,
  Share,
  SharedConversation,
  SpaceResponse,
  SpacesResponse,
  ToolsResponse,
  Trigger,
  TriggerRun,
  UpdateConversationBody,
  UpdateProfileBody,
  UpdateSpaceBody,
  UpdateTriggerBody,
  UsageQuery,
  UsageReport,
  User,
  UserSecret,
  Webhook,
  WebhookDelivery,
} from "@slipstream/protocol";
import { uploadFile } from "./files.ts";
import { connectRealtime, type WebSocketFactory } from "./realtime.ts";
import { readStream, type StreamOptions } from "./sse.ts";
import { type ClientOptions, createTransport } from "./transport.ts";

export {
  applyConversationEvent,
  type ConversationState,
  emptyConversationState,
  stateFromSnapshot,
} from "./conversation-state.ts";
export { SlipstreamError, StreamGoneError } from "./errors.ts";
export type { RealtimeConnection, WebSocketFactory, WebSocketLike } from "./realtime.ts";
export { parseEventStream, type StreamOptions } from "./sse.ts";
export type { ClientOptions } from "./transport.ts";

const path = (...segments: string[]) => segments.map(encodeURIComponent).join("/");
const query = (params: Record<string, string | undefined>) => {
  const search = new URLSearchParams(
    Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined),
  ).toString();
  return search ? `?${search}` : "";
};

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
      updateProfile: (body: UpdateProfileBody) => json<{ user: User }>("PATCH", "/api/auth/session", body),
      /** Signs out every session of the account, this one included. */
      logoutEverywhere: () => json<void>("POST", "/api/auth/logout-all"),
    },
    keys: {
      list: async () => (await json<{ keys: ProviderKey[] }>("GET", "/api/keys")).keys,
      add: async (body: CreateProviderKeyBody) => (await json<{ key: ProviderKey }>("POST", "/api/keys", body)).key,
      remove: (id: string) => json<void>("DELETE", `/api/keys/${path(id)}`),
    },
    tokens: {
      list: async () => (await json<{ tokens: ApiToken[] }>("GET", "/api/tokens")).tokens,
      /** The secret is in this answer only. */
      create: (body: CreateApiTokenBody) => json<CreateApiTokenResponse>("POST", "/api/tokens", body),
      revoke: (id: string) => json<void>("DELETE", `/api/tokens/${path(id)}`),
    },
    triggers: {
      list: async () => (await json<{ triggers: Trigger[] }>("GET", "/api/triggers")).triggers,
      /** A webhook trigger's `secret` is in this answer only. */
      create: (body: CreateTriggerBody) => json<{ trigger: Trigger; secret?: string }>("POST", "/api/triggers", body),
      update: async (id: string, body: UpdateTriggerBody) =>
        (await json<{ trigger: Trigger }>("PATCH", `/api/triggers/${path(id)}`, body)).trigger,
      remove: (id: string) => json<void>("DELETE", `/api/triggers/${path(id)}`),
      runs: async (id: string) => (await json<{ runs: TriggerRun[] }>("GET", `/api/triggers/${path(id)}/runs`)).runs,
    },
    webhooks: {
      list: async () => (await json<{ webhooks: Webhook[] }>("GET", "/api/webhooks")).webhooks,
      /** The signing `secret` is in this answer only. */
      create: (body: CreateWebhookBody) => json<{ webhook: Webhook; secret: string }>("POST", "/api/webhooks", body),
      remove: (id: string) => json<void>("DELETE", `/api/webhooks/${path(id)}`),
      deliveries: async (id: string) =>
        (await json<{ deliveries: WebhookDelivery[] }>("GET", `/api/webhooks/${path(id)}/deliveries`)).deliveries,
      retry: async (id: string, deliveryId: string) =>
        (
          await json<{ delivery: WebhookDelivery }>(
            "POST",
            `/api/webhooks/${path(id)}/deliveries/${path(deliveryId)}/retry`,
          )
        ).delivery,
    },
    usage: {
      get: async (range: UsageQuery = {}) =>
        (await json<{ usage: UsageReport }>("GET", `/api/usage${query(range)}`)).usage,
    },
    admin: {
      users: async () => (await json<{ users: AdminUser[] }>("GET", "/api/admin/users")).users,
      updateUser: async (id: string, body: AdminUpdateUserBody) =>
        (await json<{ user: AdminUser }>("PATCH", `/api/admin/users/${path(id)}`, body)).user,
      usage: async (range: UsageQuery = {}) =>
        (await json<{ usage: UsageReport }>("GET", `/api/admin/usage${query(range)}`)).usage,
      models: async () => (await json<{ models: AdminModel[] }>("GET", "/api/admin/models")).models,
      updateModel: async (id: string, body: AdminUpdateModelBody) =>
        (await json<{ model: AdminModel }>("PUT", `/api/admin/models/${path(id)}`, body)).model,
      connections: async () =>
        (await json<{ connections: ProviderConnection[] }>("GET", "/api/admin/providers")).connections,
      addConnection: async (body: CreateProviderConnectionBody) =>
        (await json<{ connection: ProviderConnection }>("POST", "/api/admin/providers", body)).connection,
      removeConnection: (id: string) => json<void>("DELETE", `/api/admin/providers/${path(id)}`),
      /** The MCP servers of MCP_CONFIG with their state and tools. */
      mcp: () => json<AdminMcpResponse>("GET", "/api/admin/mcp"),
    },
    secrets: {
      list: async () => (await json<{ secrets: UserSecret[] }>("GET", "/api/secrets")).secrets,
      put: async (name: string, value: string) =>
        (await json<{ secret: UserSecret }>("PUT", `/api/secrets/${path(name)}`, { value })).secret,
      remove: (name: string) => json<void>("DELETE", `/api/secrets/${path(name)}`),
    },
    models: {
      list: async () => (await json<ModelsResponse>("GET", "/api/models")).models,
      /** The models with each provider's reachability, for a model picker. */
      catalog: () => json<ModelsResponse>("GET", "/api/models"),
    },
    tools: {
      /** The tools a conversation may enable (its `tools` lists their ids). */
      list: async () => (await json<ToolsResponse>("GET", "/api/tools")).tools,
      /** The plugins of the workspace with their version, commit, status and tools. */
      plugins: () => json<PluginsResponse>("GET", "/api/plugins"),
    },
    conversations: {
      /**
       * Owned and shared conversations (those of `spaceId` only, when given), newest first, each with the caller's
       * role in it, following the pages to the end.
       */
      list: async ({ spaceId }: { spaceId?: string } = {}) => {
        const all: ConversationListItem[] = [];
        let cursor: string | undefined;
        do {
          const page = await json<ConversationsPage>("GET", `/api/conversations${query({ cursor, spaceId })}`);
          all.push(...page.conversations);
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        return all;
      },
      /** One page of at most `limit` conversations; pass its `nextCursor` as `cursor` for the next. */
      page: (options: ConversationsQuery = {}) =>
        json<ConversationsPage>(
          "GET",
          `/api/conversations${query({
            cursor: options.cursor,
            limit: options.limit?.toString(),
            spaceId: options.spaceId,
          })}`,
        ),
      create: async (body: CreateConversationBody = {}) =>
        (await json<{ conversation: Conversation }>("POST", "/api/conversations", body)).conversation,
      get: async (id: string) =>
        (await json<{ conversation: Conversation }>("GET", `/api/conversations/${path(id)}`)).conversation,
      update: async (id: string, body: UpdateConversationBody) =>
        (await json<{ conversation: Conversation }>("PATCH", `/api/conversations/${path(id)}`, body)).conversation,
      remove: (id: string) => json<void>("DELETE", `/api/conversations/${path(id)}`),
    },
    members: {
      list: async (conversationId: string) =>
        (await json<{ members: Member[] }>("GET", `/api/conversations/${path(conversationId)}/members`)).members,
      add: async (conversationId: string, body: AddMemberBody) =>
        (await json<{ member: Member }>("POST", `/api/conversations/${path(conversationId)}/members`, body)).member,
      update: async (conversationId: string, userId: string, role: MemberRole) =>
        (
          await json<{ member: Member }>(
            "PATCH",
            `/api/conversations/${path(conversationId)}/members/${path(userId)}`,
            { role },
          )
        ).member,
      /** Removes a member; with the caller's own id, leaves the conversation. */
      remove: (conversationId: string, userId: string) =>
        json<void>("DELETE", `/api/conversations/${path(conversationId)}/members/${path(userId)}`),
    },
    spaces: {
      /** The spaces the caller owns or is a member of, with their role, oldest first. */
      list: async () => (await json<SpacesResponse>("GET", "/api/spaces")).spaces,
      create: async (body: CreateSpaceBody) => (await json<SpaceResponse>("POST", "/api/spaces", body)).space,
      get: async (id: string) => (await json<SpaceResponse>("GET", `/api/spaces/${path(id)}`)).space,
      update: async (id: string, body: UpdateSpaceBody) =>
        (await json<SpaceResponse>("PATCH", `/api/spaces/${path(id)}`, body)).space,
      /** Refused (409) while the space holds conversations. */
      remove: (id: string) => json<void>("DELETE", `/api/spaces/${path(id)}`),
      members: {
        list: async (spaceId: string) =>
          (await json<{ members: Member[] }>("GET", `/api/spaces/${path(spaceId)}/members`)).members,
        add: async (spaceId: string, body: AddMemberBody) =>
          (await json<{ member: Member }>("POST", `/api/spaces/${path(spaceId)}/members`, body)).member,
        update: async (spaceId: string, userId: string, role: MemberRole) =>
          (await json<{ member: Member }>("PATCH", `/api/spaces/${path(spaceId)}/members/${path(userId)}`, { role }))
            .member,
        /** Removes a member; with the caller's own id, leaves the space. */
        remove: (spaceId: string, userId: string) =>
          json<void>("DELETE", `/api/spaces/${path(spaceId)}/members/${path(userId)}`),
      },
    },
    history: {
      /** A page of the conversation's events after version `after`, consecutive and in order. */
      events: (conversationId: string, { after = 0, limit }: { after?: number; limit?: number } = {}) =>
        json<EventsResponse>(
          "GET",
          `/api/conversations/${path(conversationId)}/events${query({ after: String(after), limit: limit === undefined ? undefined : String(limit) })}`,
        ),
      /** The conversation whole as of a version: load it, then watch with `after: version`. */
      snapshot: (conversationId: string) =>
        json<ConversationSnapshot>("GET", `/api/conversations/${path(conversationId)}/snapshot`),
    },
    shares: {
      /** Makes a read-only link to the conversation as it is now (owner only). */
      create: async (conversationId: string) =>
        (await json<{ share: Share }>("POST", `/api/conversations/${path(conversationId)}/shares`)).share,
      list: async (conversationId: string) =>
        (await json<{ shares: Share[] }>("GET", `/api/conversations/${path(conversationId)}/shares`)).shares,
      revoke: (id: string) => json<void>("DELETE", `/api/shares/${path(id)}`),
      /** What the link shows; needs no session. */
      read: (id: string) => json<SharedConversation>("GET", `/api/shares/${path(id)}`),
      /** Continues the link's conversation as a new one of the signed-in user, branches kept. */
      copy: async (id: string) =>
        (await json<{ conversation: Conversation }>("POST", `/api/shares/${path(id)}/copy`)).conversation,
    },
    exports: {
      /** Every conversation the user owns, with its message tree. */
      all: () => json<ConversationExport>("GET", "/api/export"),
    },
    imports: {
      /** Starts importing a Slipstream export or ChatGPT's conversations.json; the job's progress is `get`'s to follow. */
      start: async (body: ImportBody) => (await json<{ import: Import }>("POST", "/api/import", body)).import,
      get: async (id: string) => (await json<{ import: Import }>("GET", `/api/imports/${path(id)}`)).import,
    },
    search: async (q: string, limit?: number) =>
      (
        await json<{ results: SearchResult[] }>(
          "GET",
          `/api/search${query({ q, limit: limit === undefined ? undefined : String(limit) })}`,
        )
      ).results,
    messages: {
      list: async (conversationId: string) =>
        (await json<{ messages: Message[] }>("GET", `/api/conversations/${path(conversationId)}/messages`)).messages,
      send: (conversationId: string, body: SendMessageBody) =>
        json<SendMessageResponse>("POST", `/api/conversations/${path(conversationId)}/messages`, body),
      /** Deletes a message and every message under it (owner or editor). */
      removeBranch: (conversationId: string, messageId: string) =>
        json<void>("DELETE", `/api/conversations/${path(conversationId)}/messages/${path(messageId)}`),
      /**
       * Sends and reads the reply's stream in the same request (`Accept: text/event-stream`); a drop resumes over
       * `GET /api/streams/:streamId` like `streams.read`.
       * @example
       * const { events } = await client.messages.sendAndStream(conversationId, { content: "Hello" });
       * for await (const { part } of events) if (part.type === "text-delta") print(part.delta);
       */
      sendAndStream: async (conversationId: string, body: SendMessageBody, streamOptions?: StreamOptions) => {
        const response = await transport.raw(`/api/conversations/${path(conversationId)}/messages`, {
          method: "POST",
          headers: { "content-type": "application/json", accept: "text/event-stream" },
          body: JSON.stringify(body),
          signal: streamOptions?.signal,
        });
        if (!response.ok) throw await transport.failure(response);
        const header = (name: string) => response.headers.get(`x-slipstream-${name}`) ?? "";
        const streamId = header("stream-id");
        return {
          streamId,
          messageId: header("message-id"),
          replyId: header("reply-id"),
          events: readStream(transport, streamId, streamOptions, response),
        };
      },
    },
    files: {
      /** Uploads a file (a browser `File`) by the URL the server gives; resolves once the server checked it. */
      upload: (file: Blob & { name: string }) => uploadFile(transport, file),
      remove: (id: string) => json<void>("DELETE", `/api/files/${path(id)}`),
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
