import { PostgresAdapter, sql } from "kysely";
import type { Migration } from "kysely/migration";

/**
 * Search indexes a reply once it has stopped streaming, not at every checkpoint: re-indexing the growing text twice a
 * second was most of what a running generation cost the database (an FTS5 update is ten times the row's own). A reply
 * is found once it is finished (complete, cancelled, failed or interrupted), the same in both dialects.
 */
export const searchFinishedMessagesMigration: Migration = {
  async up(db) {
    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      await sql`drop index messages_search_index`.execute(db);
      await sql`create index messages_search_index on messages
        using gin (to_tsvector('simple', content)) where status <> 'streaming'`.execute(db);
      return;
    }
    for (const name of ["insert", "delete", "update"])
      await sql`drop trigger ${sql.id(`messages_fts_${name}`)}`.execute(db);
    // The external-content index must hold exactly the text of the rows it indexes: a streaming row leaves it.
    await sql`insert into messages_fts(messages_fts, rowid, content)
      select 'delete', rowid, content from messages where status = 'streaming'`.execute(db);
    await sql`create trigger messages_fts_insert after insert on messages when new.status <> 'streaming' begin
      insert into messages_fts(rowid, content) values (new.rowid, new.content); end`.execute(db);
    await sql`create trigger messages_fts_delete after delete on messages when old.status <> 'streaming' begin
      insert into messages_fts(messages_fts, rowid, content) values ('delete', old.rowid, old.content); end`.execute(
      db,
    );
    // One trigger, so that the old text leaves the index before the new one enters it (FTS5 needs that order).
    await sql`create trigger messages_fts_update after update of content, status on messages begin
      insert into messages_fts(messages_fts, rowid, content)
        select 'delete', old.rowid, old.content where old.status <> 'streaming';
      insert into messages_fts(rowid, content) select new.rowid, new.content where new.status <> 'streaming'; end`.execute(
      db,
    );
  },
};
