import { sql } from "kysely";

/** The words of a search query: runs of letters and digits, so nothing in it is read as an engine's syntax. */
export function searchTerms(query: string): string[] {
  return query
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((term) => term.length > 0)
    .slice(0, 16);
}

export const MARK_START = "<mark>";
export const MARK_END = "</mark>";

/**
 * The conversations a user owns, is a member of, or reaches through a space they own or are a member of, as a CTE
 * body both dialects read alike.
 */
export const readableConversations = (userId: string) => sql`
  select id, title from conversations where user_id = ${userId}
  union
  select c.id, c.title from conversations c
    join conversation_members cm on cm.conversation_id = c.id where cm.user_id = ${userId}
  union
  select c.id, c.title from conversations c
    join spaces s on s.id = c.space_id where s.user_id = ${userId}
  union
  select c.id, c.title from conversations c
    join space_members sm on sm.space_id = c.space_id where sm.user_id = ${userId}`;
