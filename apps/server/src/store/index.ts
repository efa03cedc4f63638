import type { MessageStatus } from "@slipstream/protocol";
import type { Config } from "../config.ts";

/** Timestamps are ISO-8601 UTC strings in every dialect, so rows compare and sort the same everywhere. */
export type Timestamp = string;

export type UserRecord = {
  id: string;
  email: string;
  name: string | null;
  passwordHash: string;
  createdAt: Timestamp;
};

export type SessionRecord = {
  id: string;
  userId: string;
  createdAt: Timestamp;
  expiresAt: Timestamp;
};

export type ConversationRecord = {
  id: string;
  userId: string;
  title: string;
  model: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type { MessageStatus } from "@slipstream/protocol";
export type MessageRole = "user" | "assistant" | "system";

export type MessageRecord = {
  id: string;
  conversationId: string;
  parentId: string | null;
  role: MessageRole;
  content: string;
  model: string | null;
  status: MessageStatus;
  /** A readable reason when status is `error`. */
  error: string | null;
  /** The generation log of an assistant reply; null for user messages. */
  streamId: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export interface UsersRepository {
  /** Throws AppError `email_taken` (409) when the email already exists. */
  createUser(user: UserRecord): Promise<UserRecord>;
  findUserById(input: { id: string }): Promise<UserRecord | undefined>;
  findUserByEmail(input: { email: string }): Promise<UserRecord | undefined>;
  updatePasswordHash(input: { id: string; passwordHash: string }): Promise<void>;
}

export interface SessionsRepository {
  createSession(session: SessionRecord): Promise<SessionRecord>;
  findSessionById(input: { id: string }): Promise<SessionRecord | undefined>;
  deleteSession(input: { id: string }): Promise<void>;
  /** Revokes every session of a user but `exceptId`; returns the ids it removed. */
  deleteSessionsByUserId(input: { userId: string; exceptId?: string }): Promise<string[]>;
  deleteExpiredSessions(input: { now: Timestamp }): Promise<number>;
}

export interface ConversationsRepository {
  createConversation(conversation: ConversationRecord): Promise<ConversationRecord>;
  /** Newest first by `updatedAt`, then by id. */
  listConversationsByUserId(input: { userId: string }): Promise<ConversationRecord[]>;
  /** Undefined when it does not exist or belongs to another user. */
  findConversationById(input: { id: string; userId: string }): Promise<ConversationRecord | undefined>;
  updateConversation(input: {
    id: string;
    userId: string;
    patch: Partial<Pick<ConversationRecord, "title" | "model" | "updatedAt">>;
  }): Promise<ConversationRecord | undefined>;
  /** Deletes the conversation and all of its messages; false when nothing matched. */
  deleteConversation(input: { id: string; userId: string }): Promise<boolean>;
}

export interface MessagesRepository {
  createMessage(message: MessageRecord): Promise<MessageRecord>;
  /** Oldest first (ids are UUIDv7, so id order is creation order). */
  listMessagesByConversationId(input: { conversationId: string }): Promise<MessageRecord[]>;
  findMessageById(input: { id: string }): Promise<MessageRecord | undefined>;
  /** The conversation's newest message, where a message sent without `parentId` continues. */
  findLatestMessage(input: { conversationId: string }): Promise<MessageRecord | undefined>;
  /** The messages from the root down to `id`, root first: the branch the model sees. */
  listMessagePath(input: { id: string }): Promise<MessageRecord[]>;
  /** The reply that owns a stream, with the id of the user who owns its conversation. */
  findMessageByStreamId(input: { streamId: string }): Promise<(MessageRecord & { userId: string }) | undefined>;
  updateMessage(input: {
    id: string;
    patch: Partial<Pick<MessageRecord, "content" | "status" | "error" | "updatedAt">>;
  }): Promise<MessageRecord | undefined>;
  /** Marks every `streaming` message as `interrupted`; returns how many. Used at start-up of the embedded mode. */
  interruptStreamingMessages(input: { now: Timestamp }): Promise<number>;
  /**
   * Marks `interrupted` every `streaming` message not written since `updatedBefore`: running generations
   * touch their reply at least once per lease, so these have lost their instance. Returns the rows it changed.
   */
  interruptStaleMessages(input: { updatedBefore: Timestamp; now: Timestamp }): Promise<MessageRecord[]>;
}

export interface Store {
  readonly kind: "sqlite" | "postgres";
  readonly users: UsersRepository;
  readonly sessions: SessionsRepository;
  readonly conversations: ConversationsRepository;
  readonly messages: MessagesRepository;
  /** Runs `work` in one database transaction, with repositories bound to it. */
  transaction<T>(work: (store: Omit<Store, "transaction" | "close" | "ping">) => Promise<T>): Promise<T>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Opens the configured database and applies pending migrations. The Postgres adapter is loaded only when used. */
export async function openStore(
  config: Config["db"],
  { onPoolError }: { onPoolError?: (error: Error) => void } = {},
): Promise<Store> {
  if (config.kind === "postgres") {
    const { openPostgresStore } = await import("./postgres.ts");
    return openPostgresStore({ url: config.url, onPoolError });
  }
  const { openSqliteStore } = await import("./sqlite.ts");
  return openSqliteStore({ path: config.path });
}
