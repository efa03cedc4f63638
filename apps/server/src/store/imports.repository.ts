import type { Kysely } from "kysely";
import type { Database, ImportsTable } from "./database.ts";
import type { ImportRecord, ImportsRepository } from "./types.ts";

const toImportRecord = (row: ImportsTable): ImportRecord => ({
  ...row,
  conversationIds: JSON.parse(row.conversationIds),
});

export function createImportsRepository({ db }: { db: Kysely<Database> }): ImportsRepository {
  return {
    async createImport(record) {
      const row = await db
        .insertInto("imports")
        .values({ ...record, conversationIds: JSON.stringify(record.conversationIds) })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toImportRecord(row);
    },

    async findImportById({ id }) {
      const row = await db.selectFrom("imports").selectAll().where("id", "=", id).executeTakeFirst();
      return row && toImportRecord(row);
    },

    async advanceImport({ id, from, updatedAt }) {
      const row = await db
        .updateTable("imports")
        .set({ done: from + 1, status: "running", updatedAt })
        .where("id", "=", id)
        .where("done", "=", from)
        .returningAll()
        .executeTakeFirst();
      return row && toImportRecord(row);
    },

    async updateImport({ id, patch }) {
      const { conversationIds, ...rest } = patch;
      const row = await db
        .updateTable("imports")
        .set({ ...rest, ...(conversationIds && { conversationIds: JSON.stringify(conversationIds) }) })
        .where("id", "=", id)
        .returningAll()
        .executeTakeFirst();
      return row && toImportRecord(row);
    },
  };
}
