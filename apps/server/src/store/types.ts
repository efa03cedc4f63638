import type {
  ConversationParams,
  MessagePart,
  MessageUsage,
  UsageSource,
  UsageTotals,
  UserLimitOverrides,
} from "@slipstream/protocol";
import type {
  SlackRepository,
  TriggerRunsRepository,
  TriggersRepository,
  WebhooksRepository,
} from "./automation-types.ts";
import type {
  ApiTokensTable,
  ConversationEventsTable,
  ConversationMembersTable,
  ConversationSharesTable,
  ConversationsTable,
  FilesTable,
  ImportsTable,
  MemberRole,
  MessagesTable,
  ProviderConnectionsTable,
  ProviderKeysTable,
  SessionsTable,
  SpaceMembersTable,
  SpacesTable,
  Timestamp,
  UsageRecordsTable,
  UserIdentitiesTable,
  UserRole,
  UserSecretsTable,
  UsersTable,
} from "./database.ts";

export type { MessageStatus } from "@slipstream/protocol";
export type * from "./automation-types.ts";
export type { FileStatus, MemberRole, MessageRole, Timestamp, UserRole } from "./database.ts";

export type UserRecord = UsersTable;
export type SessionRecord = SessionsTable;
export type UserIdentityRecord = UserIdentitiesTable;
export type ConversationRecord = Omit<ConversationsTable, "params" | "tools"> & {
  params: ConversationParams;
  tools: string[];
};
/** A conversation to create: its settings default to none, and it belongs to no space unless given one. */
export type NewConversation = Omit<ConversationRecord, "systemPrompt" | "params" | "tools" | "spaceId"> &
  Partial<Pick<ConversationRecord, "systemPrompt" | "params" | "tools" | "spaceId">>;
export type MessageRecord = Omit<MessagesTable, "parts" | "usage"> & {
  parts: MessagePart[];
  usage: MessageUsage | null;
};
/** A message to create: it has no usage until its generation ends. */
export type NewMessage = Omit<MessageRecord, "usage" | "authorId"> & {
  usage?: MessageUsage | null;
  authorId?: string | null;
};
export type MemberRecord = ConversationMembersTable;
/** A member with the account details a members list shows. */
export type MemberWithUser = MemberRecord & { email: string; name: string | null };
export type SpaceRecord = SpacesTable;
export type SpaceMemberRecord = SpaceMembersTable;
/** A space member with the account details a members list shows. */
export type SpaceMemberWithUser = SpaceMemberRecord & { email: string; name: string | null };
/** A space as one of its people sees it: `role` is theirs in it. */
export type UserSpace = SpaceRecord & { role: "owner" | MemberRole };
/** A conversation as someone sees it in their list: `role` is theirs in it. */
export type ReadableConversation = ConversationRecord & { role: "owner" | MemberRole; shared: boolean };
export type ProviderKeyRecord = ProviderKeysTable;
export type FileRecord = FilesTable;
export type ProviderConnectionRecord = ProviderConnectionsTable;
export type ApiTokenRecord = ApiTokensTable;
export type UserSecretRecord = UserSecretsTable;
export type UsageRecord = Omit<UsageRecordsTable, "estimated" | "source"> & { estimated: boolean; source: UsageSource };
export type ModelAccessRecord = { modelId: string; enabled: boolean; roles: UserRole[] | null; updatedAt: Timestamp };
export type UsageSummary = {
  totals: UsageTotals;
  byModel: (UsageTotals & { model: string })[];
  byDay: (UsageTotals & { day: string })[];
};
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
  createConversation(conversation: NewConversation): Promise<ConversationRecord>;
  /**
   * Newest first by `updatedAt`, then by id: at most `limit` (all without one), those after `after` (the last of
   * the previous page) when it is given.
   */
  listConversationsByUserId(input: {
    userId: string;
    limit?: number;
    after?: Pick<ConversationRecord, "updatedAt" | "id">;
  }): Promise<ConversationRecord[]>;
  /**
   * The conversations the user owns, is a member of, or reaches through a space they own or are a member of, with
   * their strongest role; only those of `spaceId` when it is given; paged as `listConversationsByUserId`.
   */
  listReadableConversations(input: {
    userId: string;
    spaceId?: string;
    limit?: number;
    after?: Pick<ConversationRecord, "updatedAt" | "id">;
  }): Promise<ReadableConversation[]>;
  findConversationById(input: { id: string }): Promise<ConversationRecord | undefined>;
  /** Applies the patch; undefined when the conversation does not exist. */
  updateConversation(input: {
    id: string;
    patch: Partial<
      Pick<ConversationRecord, "title" | "model" | "systemPrompt" | "params" | "tools" | "spaceId" | "updatedAt">
    >;
  }): Promise<ConversationRecord | undefined>;
  /** Renames the conversation only while its title is still `from` (nobody renamed it meanwhile). */
  retitleConversation(input: { id: string; from: string; to: string }): Promise<ConversationRecord | undefined>;
  /**
   * Takes the conversation's next `count` versions, for its next domain events: `first` and the ones after it.
   * Undefined when the conversation does not exist.
   */
  nextVersions(input: { id: string; count: number }): Promise<{ first: number; userId: string } | undefined>;
  /** Deletes the conversation and all of its messages; false when nothing matched. */
  deleteConversation(input: { id: string }): Promise<boolean>;
}

/** Who besides the owner may read or write a conversation. */
export interface ConversationMembersRepository {
  /** Adds the member, or changes the role of one already there. */
  upsertMember(member: MemberRecord): Promise<MemberRecord>;
  findMember(input: { conversationId: string; userId: string }): Promise<MemberRecord | undefined>;
  /** Oldest first, with each member's email and name. */
  listMembers(input: { conversationId: string }): Promise<MemberWithUser[]>;
  /** False when they were not a member. */
  removeMember(input: { conversationId: string; userId: string }): Promise<boolean>;
}

/** Spaces and the people in them besides their owner. */
export interface SpacesRepository {
  createSpace(space: SpaceRecord): Promise<SpaceRecord>;
  findSpaceById(input: { id: string }): Promise<SpaceRecord | undefined>;
  /** The spaces the user owns or is a member of, with their role, oldest first. */
  listSpacesOfUser(input: { userId: string }): Promise<UserSpace[]>;
  /** Undefined when the space does not exist. */
  updateSpace(input: { id: string; patch: Pick<SpaceRecord, "name" | "updatedAt"> }): Promise<SpaceRecord | undefined>;
  /** Deletes the space and its members (its conversations leave it); false when nothing matched. */
  deleteSpace(input: { id: string }): Promise<boolean>;
  /** The ids of the space's conversations, oldest first. */
  listSpaceConversationIds(input: { spaceId: string }): Promise<string[]>;
  /** Adds the member, or changes the role of one already there. */
  upsertSpaceMember(member: SpaceMemberRecord): Promise<SpaceMemberRecord>;
  findSpaceMember(input: { spaceId: string; userId: string }): Promise<SpaceMemberRecord | undefined>;
  /** Oldest first, with each member's email and name. */
  listSpaceMembers(input: { spaceId: string }): Promise<SpaceMemberWithUser[]>;
  /** False when they were not a member. */
  removeSpaceMember(input: { spaceId: string; userId: string }): Promise<boolean>;
}

/** A share link with the copy it shows. */
export type ShareRecord = Omit<ConversationSharesTable, "snapshot"> & { snapshot: unknown };

export interface ConversationSharesRepository {
  createShare(share: ShareRecord): Promise<ShareRecord>;
  findShareById(input: { id: string }): Promise<ShareRecord | undefined>;
  /** Newest first. */
  listSharesByConversationId(input: { conversationId: string }): Promise<ShareRecord[]>;
  /** False when there was no such link. */
  deleteShare(input: { id: string }): Promise<boolean>;
}

/** An import of another history, with the conversations it wrote so far. */
export type ImportRecord = Omit<ImportsTable, "conversationIds"> & { conversationIds: string[] };

export interface ImportsRepository {
  createImport(record: ImportRecord): Promise<ImportRecord>;
  findImportById(input: { id: string }): Promise<ImportRecord | undefined>;
  /**
   * Counts one more conversation written: moves `done` from `from` to `from + 1` (and the import to `running`).
   * Undefined when `done` is no longer `from`: another attempt of its job wrote that conversation.
   */
  advanceImport(input: { id: string; from: number; updatedAt: Timestamp }): Promise<ImportRecord | undefined>;
  /** Applies the patch; undefined when the import does not exist. */
  updateImport(input: {
    id: string;
    patch: Partial<Pick<ImportRecord, "status" | "done" | "conversationIds" | "error" | "updatedAt">>;
  }): Promise<ImportRecord | undefined>;
}

/** One hit of a search: `snippet` is the matching text with each hit between `<mark>` and `</mark>`. */
export type SearchHit = { conversationId: string; messageId: string | null; title: string; snippet: string };

/** Full-text search over message text and titles; each dialect's adapter has its own engine. */
export interface SearchRepository {
  /**
   * The best `limit` hits for `query` (words, all of them required, the last one as a prefix) among the
   * conversations `userId` may read (owns, is a member of, or reaches through a space), best first. Words only: any syntax of the engine is taken as text.
   */
  search(input: { userId: string; query: string; limit: number }): Promise<SearchHit[]>;
}

export interface MessagesRepository {
  createMessage(message: NewMessage): Promise<MessageRecord>;
  /** Oldest first (ids are UUIDv7, so id order is creation order). */
  listMessagesByConversationId(input: { conversationId: string }): Promise<MessageRecord[]>;
  findMessageById(input: { id: string }): Promise<MessageRecord | undefined>;
  /** The conversation's newest message, where a message sent without `parentId` continues. */
  findLatestMessage(input: { conversationId: string }): Promise<MessageRecord | undefined>;
  /** The messages from the root down to `id`, root first: the branch the model sees. */
  listMessagePath(input: { id: string }): Promise<MessageRecord[]>;
  /** The message `id` and every message under it (its replies, their replies, …), in id order: one branch. */
  listMessageSubtree(input: { id: string }): Promise<MessageRecord[]>;
  deleteMessages(input: { ids: string[] }): Promise<void>;
  /** The reply that owns a stream. */
  findMessageByStreamId(input: { streamId: string }): Promise<MessageRecord | undefined>;
  updateMessage(input: {
    id: string;
    patch: Partial<Pick<MessageRecord, "content" | "parts" | "status" | "error" | "usage" | "updatedAt">>;
  }): Promise<MessageRecord | undefined>;
  /**
   * Saves the text a reply has so far, while it is still streaming (a finished reply is left as it is): a cheap
   * write that neither returns the row nor reaches the search index.
   */
  checkpointMessage(input: { id: string; content: string; updatedAt: Timestamp }): Promise<void>;
  /**
   * Marks `interrupted` every `streaming` message not written since `updatedBefore`: running generations
   * touch their reply at least once per lease, so these have lost their instance. Returns the rows it changed.
   */
  interruptStaleMessages(input: { updatedBefore: Timestamp; now: Timestamp }): Promise<MessageRecord[]>;
}

/** The outbox of domain events, and their history for replay. */
export interface ConversationEventsRepository {
  appendEvents(events: ConversationEventRecord[]): Promise<void>;
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

export interface ProviderKeysRepository {
  /** Throws DomainError `conflict` when the user already has a key serving `modelProvider`. */
  createKey(key: ProviderKeyRecord): Promise<ProviderKeyRecord>;
  /** Oldest first. */
  listKeysByUserId(input: { userId: string }): Promise<ProviderKeyRecord[]>;
  deleteKey(input: { id: string; userId: string }): Promise<boolean>;
  touchKey(input: { id: string; now: Timestamp }): Promise<void>;
  /** Every key of every user, for rewrapping their secrets. */
  listAllKeys(): Promise<ProviderKeyRecord[]>;
  updateKeySecret(input: { id: string; secret: string }): Promise<void>;
}

export interface ProviderConnectionsRepository {
  /** Throws DomainError `conflict` when the name is taken. */
  createConnection(connection: ProviderConnectionRecord): Promise<ProviderConnectionRecord>;
  /** Oldest first. */
  listConnections(): Promise<ProviderConnectionRecord[]>;
  deleteConnection(input: { id: string }): Promise<boolean>;
  updateConnectionSecret(input: { id: string; secret: string }): Promise<void>;
}

export interface UserSecretsRepository {
  /** Creates or replaces the user's secret of that name (keeping its `createdAt`). */
  putSecret(secret: UserSecretRecord): Promise<UserSecretRecord>;
  /** By name. */
  listSecretsByUserId(input: { userId: string }): Promise<UserSecretRecord[]>;
  /** The user's secrets of these names (the others are left out). */
  findSecrets(input: { userId: string; names: readonly string[] }): Promise<UserSecretRecord[]>;
  deleteSecret(input: { userId: string; name: string }): Promise<boolean>;
  /** Every secret of every user, for rewrapping them. */
  listAllSecrets(): Promise<UserSecretRecord[]>;
  updateSecretEnvelope(input: { userId: string; name: string; secret: string }): Promise<void>;
}

export interface ApiTokensRepository {
  createToken(token: ApiTokenRecord): Promise<ApiTokenRecord>;
  /** Newest first. */
  listTokensByUserId(input: { userId: string }): Promise<ApiTokenRecord[]>;
  findTokenByHash(input: { tokenHash: string }): Promise<ApiTokenRecord | undefined>;
  deleteToken(input: { id: string; userId: string }): Promise<boolean>;
  touchToken(input: { id: string; now: Timestamp }): Promise<void>;
}

export interface UsageRepository {
  recordUsage(usage: UsageRecord): Promise<void>;
  /** Sums of the records created in [from, to), of one user or (without userId) of everyone. */
  summarizeUsage(input: { userId?: string; from: Timestamp; to: Timestamp }): Promise<UsageSummary>;
  /** Totals per user of the records created in [from, to). */
  totalsByUser(input: { from: Timestamp; to: Timestamp }): Promise<Map<string, UsageTotals>>;
}

export interface ModelAccessRepository {
  listModelAccess(): Promise<ModelAccessRecord[]>;
  setModelAccess(access: ModelAccessRecord): Promise<ModelAccessRecord>;
}

export interface UserLimitsRepository {
  findLimitOverrides(input: { userId: string }): Promise<UserLimitOverrides>;
  listLimitOverrides(): Promise<Map<string, UserLimitOverrides>>;
  setLimitOverrides(input: { userId: string; overrides: UserLimitOverrides; now: Timestamp }): Promise<void>;
}

export interface FilesRepository {
  createFile(file: FileRecord): Promise<FileRecord>;
  findFileById(input: { id: string }): Promise<FileRecord | undefined>;
  updateFile(input: {
    id: string;
    patch: Partial<
      Pick<FileRecord, "contentType" | "size" | "status" | "textContent" | "expiresAt" | "conversationId">
    >;
  }): Promise<FileRecord | undefined>;
  /** Ties files that belong to no conversation yet to `conversationId`; files already tied elsewhere stay put. */
  attachFilesToConversation(input: { ids: string[]; conversationId: string }): Promise<void>;
  deleteFile(input: { id: string }): Promise<boolean>;
  /**
   * Marks `deleted`, for the sweep to remove, those of these files that no message (of any conversation) carries
   * any more. Returns the ids it marked.
   */
  markUnreferencedFilesDeleted(input: { ids: string[] }): Promise<string[]>;
  /** The bytes a user's files take (and pending uploads will), deleted ones aside. */
  sumFileBytesByUserId(input: { userId: string }): Promise<number>;
  /**
   * Files to remove, oldest first: pending uploads expired before `now`, files marked deleted, and files whose
   * owner or conversation no longer exists.
   */
  listOrphanedFiles(input: { now: Timestamp; limit: number }): Promise<FileRecord[]>;
}

export type Repositories = {
  readonly kind: "sqlite" | "postgres";
  readonly users: UsersRepository;
  readonly sessions: SessionsRepository;
  readonly conversations: ConversationsRepository;
  readonly messages: MessagesRepository;
  readonly events: ConversationEventsRepository;
  readonly members: ConversationMembersRepository;
  readonly shares: ConversationSharesRepository;
  readonly spaces: SpacesRepository;
  readonly imports: ImportsRepository;
  readonly search: SearchRepository;
  readonly identities: UserIdentitiesRepository;
  readonly providerKeys: ProviderKeysRepository;
  readonly providerConnections: ProviderConnectionsRepository;
  readonly apiTokens: ApiTokensRepository;
  readonly usage: UsageRepository;
  readonly modelAccess: ModelAccessRepository;
  readonly userLimits: UserLimitsRepository;
  readonly triggers: TriggersRepository;
  readonly triggerRuns: TriggerRunsRepository;
  readonly webhooks: WebhooksRepository;
  readonly slack: SlackRepository;
  readonly files: FilesRepository;
  readonly userSecrets: UserSecretsRepository;
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
