import { type Kysely, sql } from "kysely";
import type { Database } from "./database.ts";
import { MARK_END, MARK_START, readableConversations, searchTerms } from "./search-query.ts";
import type { SearchHit, SearchRepository } from "./types.ts";

const HEADLINE = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=24, MinWords=8, MaxFragments=1, FragmentDelimiter=" … "`;
/** Title hits rank a little ahead of message hits of the same strength (ts_rank: higher is better). */
const TITLE_BOOST = 0.1;

/** Postgres full-text search over the expression indexes of migrations 0021 and 0028 (`to_tsvector('simple', …)`). */
export function createPostgresSearchRepository({ db }: { db: Kysely<Database> }): SearchRepository {
  return {
    async search({ userId, query, limit }) {
      const terms = searchTerms(query);
      if (terms.length === 0) return [];
      // Terms hold only letters and digits, so quoting them is enough for to_tsquery; the last one is a prefix.
      const tsquery = terms.map((term, index) => `'${term}'${index === terms.length - 1 ? ":*" : ""}`).join(" & ");
      // Ranked and cut to `limit` first: the headline, the costly part, is made for the hits returned only.
      const { rows } = await sql<SearchHit>`
        with readable as (${readableConversations(userId)}), q as (select to_tsquery('simple', ${tsquery}) as q)
        select top.conversation_id as "conversationId", top.message_id as "messageId", top.title,
          ts_headline('simple', top.text, q.q, ${HEADLINE}) as snippet
        from (
          select * from (
            select m.conversation_id, m.id as message_id, r.title, m.content as text,
              ts_rank(to_tsvector('simple', m.content), q.q) as rank
            from messages m join readable r on r.id = m.conversation_id, q
            where to_tsvector('simple', m.content) @@ q.q and m.status <> 'streaming'
            union all
            select c.id, null, c.title, c.title, ts_rank(to_tsvector('simple', c.title), q.q) + ${TITLE_BOOST}
            from conversations c join readable r on r.id = c.id, q
            where to_tsvector('simple', c.title) @@ q.q
          ) hits
          order by rank desc, message_id
          limit ${limit}
        ) top, q
        order by top.rank desc, top.message_id
      `.execute(db);
      return rows;
    },
  };
}
