import type { ConversationExport, Message } from "@slipstream/protocol";
import type { AccessPolicy } from "../access/access.ts";
import type { Principal } from "../identity/principal.ts";
import type { ConversationRecord, Store } from "../store/index.ts";
import { newestBranch } from "./newest-branch.ts";
import { presentConversation, presentMessage } from "./presenters.ts";

/** One conversation as Markdown: its newest branch, each turn under who wrote it. */
export function conversationMarkdown({
  conversation,
  messages,
  authors,
}: {
  conversation: ConversationRecord;
  messages: Message[];
  authors: Map<string, string>;
}): string {
  const turns = newestBranch(messages).map((message) => {
    const who =
      message.role === "user"
        ? (authors.get(message.authorId ?? conversation.userId) ?? "User")
        : `Assistant (${message.model ?? conversation.model})`;
    return `**${who}**\n\n${message.content}`;
  });
  return (
    [`# ${conversation.title}`, `_${conversation.model} · ${conversation.createdAt}_`, ...turns].join("\n\n") + "\n"
  );
}

/** A user's history out of Slipstream: every conversation they own as JSON, or one they can read as Markdown. */
export function createExportService({ store, access }: { store: Store; access: AccessPolicy }) {
  async function authorsOf(conversation: ConversationRecord, messages: Message[]) {
    const ids = new Set([conversation.userId, ...messages.flatMap((m) => (m.authorId ? [m.authorId] : []))]);
    const authors = new Map<string, string>();
    for (const id of ids) {
      const user = await store.users.findUserById({ id });
      if (user) authors.set(id, user.name || user.email);
    }
    return authors;
  }

  async function exported(conversation: ConversationRecord) {
    const messages = await store.messages.listMessagesByConversationId({ conversationId: conversation.id });
    return { conversation: presentConversation(conversation), messages: messages.map(presentMessage) };
  }

  return {
    async exportAll({ principal }: { principal: Principal }): Promise<ConversationExport> {
      const owned = await store.conversations.listConversationsByUserId({ userId: principal.userId });
      const conversations = [];
      for (const conversation of owned) conversations.push(await exported(conversation));
      return { format: "slipstream.export", version: 1, exportedAt: new Date().toISOString(), conversations };
    },

    async exportConversation({
      principal,
      conversationId,
      format,
    }: {
      principal: Principal;
      conversationId: string;
      format: "json" | "markdown";
    }) {
      const { conversation } = await access.requireAccess({ principal, action: "conversation.read", conversationId });
      const entry = await exported(conversation);
      if (format === "json") return { format, body: entry, title: conversation.title };
      const authors = await authorsOf(conversation, entry.messages);
      return {
        format,
        body: conversationMarkdown({ conversation, messages: entry.messages, authors }),
        title: conversation.title,
      };
    },
  };
}
export type ExportService = ReturnType<typeof createExportService>;
