import { type Kysely, PostgresAdapter, sql } from "kysely";
import type { Migration } from "kysely/migration";

/**
 * Accounts get a role and can be disabled; conversations count their versions (one per domain event); messages
 * keep their UI parts. Existing rows: the oldest account becomes the first admin, every message with text gets
 * that text as its one part.
 */
export const rolesPartsVersionsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable("users")
      .addColumn("role", "text", (col) => col.notNull().defaultTo("user"))
      .execute();
    await db.schema.alterTable("users").addColumn("disabled_at", "text").execute();
    await db.schema
      .alterTable("conversations")
      .addColumn("version", "integer", (col) => col.notNull().defaultTo(1))
      .execute();
    await db.schema
      .alterTable("messages")
      .addColumn("parts", "text", (col) => col.notNull().defaultTo("[]"))
      .execute();

    await db.schema
      .createTable("settings")
      .addColumn("name", "text", (col) => col.primaryKey().notNull())
      .addColumn("value", "text", (col) => col.notNull())
      .addColumn("updated_at", "text", (col) => col.notNull())
      .execute();

    await sql`
      insert into settings (name, value, updated_at)
      select 'first_admin', id, created_at from users order by created_at, id limit 1
    `.execute(db);
    await sql`update users set role = 'admin' where id in (select value from settings where name = 'first_admin')`.execute(
      db,
    );

    const textPart =
      db.getExecutor().adapter instanceof PostgresAdapter
        ? sql`json_build_array(json_build_object('type', 'text', 'text', content))::text`
        : sql`json_array(json_object('type', 'text', 'text', content))`;
    await sql`update messages set parts = ${textPart} where content <> ''`.execute(db);
  },
};
