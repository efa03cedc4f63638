import type { ImportStatus, MessageStatus } from "@slipstream/protocol";

/** Timestamps are ISO-8601 UTC strings in every dialect, so rows compare and sort the same everywhere. */
export type Timestamp = string;
export type UserRole = "admin" | "user";
export type MessageRole = "user" | "assistant" | "system";
export type FileStatus = "pending" | "ready" | "deleted";
/** A member's role; the owner is the conversation's `userId`, never a member row. */
export type MemberRole = "editor" | "viewer";

/**
 * Kysely schema of the tables created by `migrations/`. Properties are camelCase; Kysely's CamelCasePlugin
 * maps them to the snake_case columns, so a row read is already the record of the port.
 */
export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  conversationEvents: ConversationEventsTable;
  conversationMembers: ConversationMembersTable;
  conversationShares: ConversationSharesTable;
  spaces: SpacesTable;
  spaceMembers: SpaceMembersTable;
  imports: ImportsTable;
  settings: SettingsTable;
  userIdentities: UserIdentitiesTable;
  providerKeys: ProviderKeysTable;
  providerConnections: ProviderConnectionsTable;
  apiTokens: ApiTokensTable;
  usageRecords: UsageRecordsTable;
  modelAccess: ModelAccessTable;
  userLimits: UserLimitsTable;
  triggers: TriggersTable;
  triggerRuns: TriggerRunsTable;
  webhooks: WebhooksTable;
  webhookDeliveries: WebhookDeliveriesTable;
  slackThreads: SlackThreadsTable;
  slackEvents: SlackEventsTable;
  files: FilesTable;
  userSecrets: UserSecretsTable;
}

/**
 * A file's row. `pending` while its upload URL is out (`size` is the declared size, counted against the quota);
 * `ready` once the bytes were checked; `deleted` while its blob is being removed.
 */
export interface FilesTable {
  id: string;
  userId: string;
  /** The conversation it was attached to or generated in: its members may read it. */
  conversationId: string | null;
  name: string;
  contentType: string;
  size: number;
  storageKey: string;
  status: FileStatus;
  /** What a model reads of a PDF or a text file, extracted once when the upload completes. */
  textContent: string | null;
  createdAt: Timestamp;
  /** A pending upload not completed by then is removed. */
  expiresAt: Timestamp | null;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string | null;
  passwordHash: string;
  role: UserRole;
  /** Set while an admin has disabled the account. */
  disabledAt: Timestamp | null;
  createdAt: Timestamp;
}

export interface SessionsTable {
  id: string;
  userId: string;
  createdAt: Timestamp;
  expiresAt: Timestamp;
}

export interface ConversationsTable {
  id: string;
  userId: string;
  title: string;
  model: string;
  /** The version of the conversation's newest domain event: 1 once created, one more per change. */
  version: number;
  systemPrompt: string;
  /** `{temperature?, maxOutputTokens?, topP?}` as JSON text. */
  params: string;
  /** Enabled tool ids as a JSON array. */
  tools: string;
  /** The space it belongs to, whose members reach it by their space role; null outside any space. */
  spaceId: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface MessagesTable {
  id: string;
  conversationId: string;
  parentId: string | null;
  role: MessageRole;
  content: string;
  /** The message's UI parts as JSON text, the same in both dialects. */
  parts: string;
  model: string | null;
  status: MessageStatus;
  error: string | null;
  streamId: string | null;
  /** Who wrote a user message; null for replies (and for user messages written before sharing: the owner's). */
  authorId: string | null;
  /** `{inputTokens, outputTokens, costUsd, estimated}` as JSON text, once a reply ended. */
  usage: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** The outbox: every domain event of a conversation, written in the transaction of its change. */
export interface ConversationEventsTable {
  id: string;
  conversationId: string;
  version: number;
  /** The conversation's owner when the event happened: who may receive it. */
  userId: string;
  type: string;
  /** The event as JSON text. */
  payload: string;
  createdAt: Timestamp;
  publishedAt: Timestamp | null;
  /** An instance publishing an orphaned event holds it until then, so others leave it alone. */
  claimedUntil: Timestamp | null;
}

/** Someone other than the owner with a role in a conversation. */
export interface ConversationMembersTable {
  conversationId: string;
  userId: string;
  role: MemberRole;
  /** The user who added them (the owner). */
  addedBy: string;
  createdAt: Timestamp;
}

/** A group of people and conversations; `userId` is its owner. */
export interface SpacesTable {
  id: string;
  userId: string;
  name: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** Someone other than the owner with a role in a space, and so in each of its conversations. */
export interface SpaceMembersTable {
  spaceId: string;
  userId: string;
  role: MemberRole;
  /** The user who added them (the owner). */
  addedBy: string;
  createdAt: Timestamp;
}

/** A share link: `id` is its unguessable token; `snapshot` the shared copy as JSON text. */
export interface ConversationSharesTable {
  id: string;
  conversationId: string;
  createdBy: string;
  snapshot: string;
  createdAt: Timestamp;
}

/** An import of another history; `conversationIds` the JSON array of the conversations it wrote so far. */
export interface ImportsTable {
  id: string;
  userId: string;
  status: ImportStatus;
  total: number;
  done: number;
  conversationIds: string;
  error: string | null;
  /** The blob holding what is left to write, deleted when the job ends. */
  payloadKey: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** Facts about the installation, one row each (for example who became the first admin). */
export interface SettingsTable {
  name: string;
  value: string;
  updatedAt: Timestamp;
}

/** An account at an identity provider: `subject` is its `sub` claim, unique within `issuer`. */
export interface UserIdentitiesTable {
  issuer: string;
  subject: string;
  userId: string;
  createdAt: Timestamp;
}
/** A user's own key for a provider. `secret` is the sealed envelope of the key, never the key. */
export interface ProviderKeysTable {
  id: string;
  userId: string;
  provider: string;
  /** The provider part of the model ids this key serves. */
  modelProvider: string;
  label: string;
  baseUrl: string | null;
  hint: string;
  secret: string;
  createdAt: Timestamp;
  lastUsedAt: Timestamp | null;
}

/** A user's named secret; `secret` is its sealed envelope, `hint` `…` and its last 4 characters. */
export interface UserSecretsTable {
  userId: string;
  name: string;
  hint: string;
  secret: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** A provider an administrator connected at run time; `secret` is the sealed envelope of its key. */
export interface ProviderConnectionsTable {
  id: string;
  kind: string;
  name: string;
  baseUrl: string | null;
  hint: string | null;
  secret: string | null;
  createdAt: Timestamp;
}

/** A personal API token; only the SHA-256 of its secret is kept. */
export interface ApiTokensTable {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  tokenHash: string;
  createdAt: Timestamp;
  expiresAt: Timestamp | null;
  lastUsedAt: Timestamp | null;
}

/** One generation's tokens and cost. */
export interface UsageRecordsTable {
  id: string;
  userId: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
  /** 1 when a tokenizer counted because the provider reported no usage. */
  estimated: number;
  source: string;
  messageId: string | null;
  createdAt: Timestamp;
}

/** Whether a model is offered, and to which roles (`roles` a JSON array, null for every role). */
export interface ModelAccessTable {
  modelId: string;
  enabled: number;
  roles: string | null;
  updatedAt: Timestamp;
}

/** An administrator's limit overrides for one user, as JSON text. */
export interface UserLimitsTable {
  userId: string;
  overrides: string;
  updatedAt: Timestamp;
}

/** A webhook, schedule or poll trigger; `secret` is the sealed envelope of a webhook trigger's signing secret. */
export interface TriggersTable {
  id: string;
  userId: string;
  name: string;
  kind: "webhook" | "schedule" | "poll";
  prompt: string;
  model: string | null;
  conversationId: string | null;
  schedule: string | null;
  timezone: string | null;
  url: string | null;
  intervalSeconds: number | null;
  secret: string | null;
  status: "active" | "paused";
  /** A poll trigger's digest of the content it last fetched. */
  pollDigest: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface TriggerRunsTable {
  id: string;
  triggerId: string;
  status: "queued" | "running" | "complete" | "error";
  /** Unique per trigger: the webhook id, the schedule tick or the polled digest. */
  dedupeKey: string | null;
  /** JSON: what fills the prompt's placeholders (`body`, `content`). */
  input: string;
  conversationId: string | null;
  messageId: string | null;
  error: string | null;
  createdAt: Timestamp;
  startedAt: Timestamp | null;
  finishedAt: Timestamp | null;
}

export interface WebhooksTable {
  id: string;
  userId: string;
  url: string;
  /** JSON array of the event types it subscribes to. */
  events: string;
  secret: string;
  createdAt: Timestamp;
}

export interface WebhookDeliveriesTable {
  id: string;
  webhookId: string;
  event: string;
  /** The JSON body, exactly as it is signed and sent. */
  payload: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  responseStatus: number | null;
  error: string | null;
  nextAttemptAt: Timestamp | null;
  deliveredAt: Timestamp | null;
  createdAt: Timestamp;
}

export interface SlackThreadsTable {
  teamId: string;
  channel: string;
  threadTs: string;
  conversationId: string;
  createdAt: Timestamp;
}

export interface SlackEventsTable {
  eventId: string;
  createdAt: Timestamp;
}
