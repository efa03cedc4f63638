import type { MessageStatus } from "@slipstream/protocol";

/** Timestamps are ISO-8601 UTC strings in every dialect, so rows compare and sort the same everywhere. */
export type Timestamp = string;
export type UserRole = "admin" | "user";
export type MessageRole = "user" | "assistant" | "system";

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
  settings: SettingsTable;
  userIdentities: UserIdentitiesTable;
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
  /** The enabled tool ids as JSON text. */
  tools: string;
  /** The version of the conversation's newest domain event: 1 once created, one more per change. */
  version: number;
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
