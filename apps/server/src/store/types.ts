import type { MessagePart } from "@slipstream/protocol";
import type {
  ConversationEventsTable,
  ConversationsTable,
  MessagesTable,
  SessionsTable,
  Timestamp,
  UserIdentitiesTable,
  UsersTable,
} from "./database.ts";

export type { MessageStatus } from "@slipstream/protocol";
export type { MessageRole, Timestamp, UserRole } from "./database.ts";

export type UserRecord = UsersTable;
export type SessionRecord = SessionsTable;
export type UserIdentityRecord = UserIdentitiesTable;
export type ConversationRecord = Omit<ConversationsTable, "tools"> & { tools: string[] };
export type MessageRecord = Omit<MessagesTable, "parts"> & { parts: MessagePart[] };
export type ConversationEventRecord = Omit<ConversationEventsTable, "payload" | "claimedUntil"> & { payload: unknown };

export interface UsersRepository {
  /**
   * Creates the user; the first account ever created becomes `admin` whatever `role` says.
   * Throws DomainError `email_taken` when the email already exists.
   */
  createUser(user: UserRecord): Promise<UserRecord>;
  findUserById(input: { id: string }): Promise<UserRecord | undefined>;
  findUserByEmail(input: { email: string }): Promise<UserRecord | undefined>;
  /** Oldest first. */
  listUsers(): Promise<UserRecord[]>;
  updateUser(input: {
    id: string;
    patch: Partial<Pick<UserRecord, "passwordHash" | "role" | "disabledAt" | "name">>;
  }): Promise<UserRecord | undefined>;
}

export interface UserIdentitiesRepository {
  findIdentity(input: { issuer: string; subject: string }): Promise<UserIdentityRecord | undefined>;
  /** Ties the identity to its user; when it is already tied (a concurrent first sign-in), returns the existing row. */
  linkIdentity(identity: UserIdentityRecord): Promise<UserIdentityRecord>;
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
  findConversationById(input: { id: string }): Promise<ConversationRecord | undefined>;
  /** Applies the patch; undefined when the conversation does not exist. */
  updateConversation(input: {
    id: string;
    patch: Partial<Pick<ConversationRecord, "title" | "model" | "tools" | "updatedAt">>;
  }): Promise<ConversationRecord | undefined>;
  /** Renames the conversation only while its title is still `from` (nobody renamed it meanwhile). */
  retitleConversation(input: { id: string; from: string; to: string }): Promise<ConversationRecord | undefined>;
  /** Takes the conversation's next version, for its next domain event; undefined when it does not exist. */
  nextVersion(input: { id: string }): Promise<{ version: number; userId: string } | undefined>;
  /** Deletes the conversation and all of its messages; false when nothing matched. */
  deleteConversation(input: { id: string }): Promise<boolean>;
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
  /** The reply that owns a stream. */
  findMessageByStreamId(input: { streamId: string }): Promise<MessageRecord | undefined>;
  updateMessage(input: {
    id: string;
    patch: Partial<Pick<MessageRecord, "content" | "parts" | "status" | "error" | "updatedAt">>;
  }): Promise<MessageRecord | undefined>;
  /**
   * Marks `interrupted` every `streaming` message not written since `updatedBefore`: running generations
   * touch their reply at least once per lease, so these have lost their instance. Returns the rows it changed.
   */
  interruptStaleMessages(input: { updatedBefore: Timestamp; now: Timestamp }): Promise<MessageRecord[]>;
}

/** The outbox of domain events, and their history for replay. */
export interface ConversationEventsRepository {
  appendEvent(event: ConversationEventRecord): Promise<void>;
  markPublished(input: { ids: string[]; now: Timestamp }): Promise<void>;
  /**
   * Claims unpublished events created before `createdBefore` that nobody holds, until `claimUntil`, oldest first:
   * the events whose instance died between commit and publish.
   */
  claimUnpublished(input: {
    createdBefore: Timestamp;
    now: Timestamp;
    claimUntil: Timestamp;
    limit: number;
  }): Promise<ConversationEventRecord[]>;
  /** A conversation's events after `after`, in version order. */
  listEventsAfter(input: { conversationId: string; after: number; limit: number }): Promise<ConversationEventRecord[]>;
}

export type Repositories = {
  readonly kind: "sqlite" | "postgres";
  readonly users: UsersRepository;
  readonly sessions: SessionsRepository;
  readonly conversations: ConversationsRepository;
  readonly messages: MessagesRepository;
  readonly events: ConversationEventsRepository;
  readonly identities: UserIdentitiesRepository;
};

/** Repositories bound to one open transaction. */
export type StoreTransaction = Repositories & {
  /** The transaction itself, for ports whose adapters keep tables in this database (the job queue). */
  readonly handle: unknown;
};

export interface Store extends Repositories {
  /** The database itself (a Kysely instance), for ports whose adapters keep tables in it (the job queue). */
  readonly handle: unknown;
  /** Runs `work` in one database transaction, with repositories bound to it. */
  transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T>;
  /**
   * Resolves when the database answers a trivial query within a second and has room for writes; rejects otherwise,
   * with DomainError `unavailable` saying why when it knows (the database is not answering, the disk is full).
   */
  ping(): Promise<void>;
  close(): Promise<void>;
}
