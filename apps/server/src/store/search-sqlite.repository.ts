import { type Kysely, sql } from "kysely";
import type { Database } from "./database.ts";
import { MARK_END, MARK_START, readableConversations, searchTerms } from "./search-query.ts";
import type { SearchHit, SearchRepository } from "./types.ts";

/** Title hits rank a little ahead of message hits of the same strength (bm25: lower is better). */
const TITLE_BOOST = 1;

/** SQLite FTS5 (built into node:sqlite), over the tables and triggers of migration 0015. */
export function createSqliteSearchRepository({ db }: { db: Kysely<Database> }): SearchRepository {
  return {
    async search({ userId, query, limit }) {
      const terms = searchTerms(query);
      if (terms.length === 0) return [];
      // Each word quoted is a plain FTS5 string; the last one also matches as a prefix (search as you type).
      const match = terms.map((term, index) => `"${term}"${index === terms.length - 1 ? "*" : ""}`).join(" ");
      const { rows } = await sql<SearchHit>`
        with readable as (${readableConversations(userId)})
        select conversation_id as "conversationId", message_id as "messageId", title, snippet from (
          select m.conversation_id, m.id as message_id, r.title,
            snippet(messages_fts, 0, ${MARK_START}, ${MARK_END}, '…', 16) as snippet,
            bm25(messages_fts) as rank
          from messages_fts
            join messages m on m.rowid = messages_fts.rowid
            join readable r on r.id = m.conversation_id
          where messages_fts match ${match}
          union all
          select c.id, null, c.title,
            highlight(conversations_fts, 0, ${MARK_START}, ${MARK_END}),
            bm25(conversations_fts) - ${TITLE_BOOST}
          from conversations_fts
            join conversations c on c.rowid = conversations_fts.rowid
            join readable r on r.id = c.id
          where conversations_fts match ${match}
        )
        order by rank, message_id
        limit ${limit}
      `.execute(db);
      return rows;
    },
  };
}
