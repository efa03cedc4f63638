import type { ConversationRole } from "@slipstream/protocol";

export type { ConversationRole } from "@slipstream/protocol";

/** Every action on a conversation, and the roles that may take it. */
export const CONVERSATION_POLICIES = {
  /** Read the conversation, its messages, members, history and streams; watch it; show presence; export it. */
  "conversation.read": ["owner", "editor", "viewer"],
  /** Send, regenerate and cancel; delete a branch of messages. */
  "conversation.send": ["owner", "editor"],
  /** Rename, change settings, delete; add, change and remove members; create and revoke share links. */
  "conversation.manage": ["owner"],
} as const satisfies Record<string, readonly ConversationRole[]>;
export type ConversationAction = keyof typeof CONVERSATION_POLICIES;

/** Every action on a space, and the roles that may take it (a space role also reaches each of its conversations). */
export const SPACE_POLICIES = {
  /** See the space, its members and its conversations. */
  "space.read": ["owner", "editor", "viewer"],
  /** Start a conversation in the space, or move one into it. */
  "space.contribute": ["owner", "editor"],
  /** Rename and delete it; add, change and remove its members. */
  "space.manage": ["owner"],
} as const satisfies Record<string, readonly ConversationRole[]>;
export type SpaceAction = keyof typeof SPACE_POLICIES;

/** Actions only an administrator takes. */
export const ADMIN_ACTIONS = ["admin.users", "admin.models", "admin.providers", "admin.usage", "admin.tools"] as const;
export type AdminAction = (typeof ADMIN_ACTIONS)[number];

/** Actions on a stored file. Reading follows the file's conversation; only its owner deletes it. */
export const FILE_POLICIES = {
  "file.read": ["owner", "conversation.read"],
  "file.delete": ["owner"],
} as const satisfies Record<string, readonly ("owner" | ConversationAction)[]>;
export type FileAction = keyof typeof FILE_POLICIES;
