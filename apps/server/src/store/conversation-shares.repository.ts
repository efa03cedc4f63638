import type { Kysely } from "kysely";
import type { ConversationSharesTable, Database } from "./database.ts";
import type { ConversationSharesRepository, ShareRecord } from "./types.ts";

const toShareRecord = (row: ConversationSharesTable): ShareRecord => ({ ...row, snapshot: JSON.parse(row.snapshot) });

export function createConversationSharesRepository({ db }: { db: Kysely<Database> }): ConversationSharesRepository {
  return {
    async createShare(share) {
      const row = await db
        .insertInto("conversationShares")
        .values({ ...share, snapshot: JSON.stringify(share.snapshot) })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toShareRecord(row);
    },

    async findShareById({ id }) {
      const row = await db.selectFrom("conversationShares").selectAll().where("id", "=", id).executeTakeFirst();
      return row && toShareRecord(row);
    },

    async listSharesByConversationId({ conversationId }) {
      const rows = await db
        .selectFrom("conversationShares")
        .selectAll()
        .where("conversationId", "=", conversationId)
        .orderBy("createdAt", "desc")
        .orderBy("id", "desc")
        .execute();
      return rows.map(toShareRecord);
    },

    async deleteShare({ id }) {
      const result = await db.deleteFrom("conversationShares").where("id", "=", id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}
