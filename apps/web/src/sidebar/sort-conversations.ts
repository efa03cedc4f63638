import type { Conversation } from "@slipstream/protocol";
import { plainTitle } from "./plain-title.ts";

/** Newest activity first, as the server lists them. */
export function sortConversations(conversations: Iterable<Conversation>): Conversation[] {
  return [...conversations].sort((a, b) =>
    a.updatedAt === b.updatedAt ? (a.id < b.id ? 1 : -1) : a.updatedAt < b.updatedAt ? 1 : -1,
  );
}

/** Titles (as shown, without Markdown) containing every word of the query, ignoring case. */
export function filterConversations(conversations: Conversation[], query: string): Conversation[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return conversations;
  return conversations.filter(({ title }) => words.every((word) => plainTitle(title).toLowerCase().includes(word)));
}
