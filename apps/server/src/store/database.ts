import type { MessageRole, MessageStatus, Timestamp } from "./index.ts";

/**
 * Kysely schema of the tables created by `migrations/`. Columns keep their stored snake_case
 * names; each repository maps rows to the camelCase records of the port.
 */
export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string | null;
  password_hash: string;
  created_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface ConversationsTable {
  id: string;
  user_id: string;
  title: string;
  model: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MessagesTable {
  id: string;
  conversation_id: string;
  parent_id: string | null;
  role: MessageRole;
  content: string;
  model: string | null;
  status: MessageStatus;
  error: string | null;
  stream_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
