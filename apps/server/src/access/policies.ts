/** What someone may be to a conversation. Members with `editor` and `viewer` roles come with shared conversations. */
export type ConversationRole = "owner" | "editor" | "viewer";

/** Every action on a conversation, and the roles that may take it. */
export const CONVERSATION_POLICIES = {
  /** Read the conversation, its messages and streams; watch it. */
  "conversation.read": ["owner", "editor", "viewer"],
  /** Send, regenerate and cancel. */
  "conversation.send": ["owner", "editor"],
  /** Rename, change settings, delete. */
  "conversation.manage": ["owner"],
} as const satisfies Record<string, readonly ConversationRole[]>;
export type ConversationAction = keyof typeof CONVERSATION_POLICIES;

/** Actions only an administrator takes. */
export const ADMIN_ACTIONS = ["admin.users", "admin.models", "admin.providers", "admin.usage", "admin.tools"] as const;
export type AdminAction = (typeof ADMIN_ACTIONS)[number];

/** Actions on a stored file. Reading follows the file's conversation; only its owner deletes it. */
export const FILE_POLICIES = {
  "file.read": ["owner", "conversation.read"],
  "file.delete": ["owner"],
} as const satisfies Record<string, readonly ("owner" | ConversationAction)[]>;
export type FileAction = keyof typeof FILE_POLICIES;
