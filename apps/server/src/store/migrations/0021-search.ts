import { PostgresAdapter, sql } from "kysely";
import type { Migration } from "kysely/migration";

/**
 * Full-text search over message text and conversation titles, kept in step with the rows in their own transaction:
 * SQLite FTS5 tables maintained by triggers; on Postgres, GIN indexes over `to_tsvector` of the text (an expression
 * index, not a column, so rows read the same in both dialects).
 * The `simple` configuration neither stems nor drops stop words, so any language's words are found as typed.
 */
export const searchMigration: Migration = {
  async up(db) {
    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      for (const [table, column] of [
        ["messages", "content"],
        ["conversations", "title"],
      ] as const) {
        await sql`create index ${sql.id(`${table}_search_index`)} on ${sql.table(table)}
          using gin (to_tsvector('simple', ${sql.ref(column)}))`.execute(db);
      }
      return;
    }
    for (const [table, column] of [
      ["messages", "content"],
      ["conversations", "title"],
    ] as const) {
      const fts = `${table}_fts`;
      await sql`create virtual table ${sql.id(fts)} using fts5(${sql.id(column)}, content=${sql.lit(table)}, content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')`.execute(
        db,
      );
      await sql`create trigger ${sql.id(`${fts}_insert`)} after insert on ${sql.table(table)} begin
        insert into ${sql.id(fts)}(rowid, ${sql.id(column)}) values (new.rowid, new.${sql.id(column)}); end`.execute(
        db,
      );
      await sql`create trigger ${sql.id(`${fts}_delete`)} after delete on ${sql.table(table)} begin
        insert into ${sql.id(fts)}(${sql.id(fts)}, rowid, ${sql.id(column)}) values ('delete', old.rowid, old.${sql.id(column)}); end`.execute(
        db,
      );
      await sql`create trigger ${sql.id(`${fts}_update`)} after update of ${sql.id(column)} on ${sql.table(table)} begin
        insert into ${sql.id(fts)}(${sql.id(fts)}, rowid, ${sql.id(column)}) values ('delete', old.rowid, old.${sql.id(column)});
        insert into ${sql.id(fts)}(rowid, ${sql.id(column)}) values (new.rowid, new.${sql.id(column)}); end`.execute(
        db,
      );
      await sql`insert into ${sql.id(fts)}(${sql.id(fts)}) values ('rebuild')`.execute(db);
    }
  },
};
