import { type Kysely, sql } from "kysely";
import type { Database } from "./database.ts";
import type { ConversationsRepository } from "./types.ts";

export function createConversationsRepository({ db }: { db: Kysely<Database> }): ConversationsRepository {
  const findConversationById: ConversationsRepository["findConversationById"] = ({ id }) =>
    db.selectFrom("conversations").selectAll().where("id", "=", id).executeTakeFirst();

  return {
    createConversation: (conversation) =>
      db.insertInto("conversations").values(conversation).returningAll().executeTakeFirstOrThrow(),

    listConversationsByUserId: ({ userId }) =>
      db
        .selectFrom("conversations")
        .selectAll()
        .where("userId", "=", userId)
        .orderBy("updatedAt", "desc")
        .orderBy("id", "desc")
        .execute(),

    findConversationById,

    updateConversation({ id, patch }) {
      const changes = { title: patch.title, model: patch.model, updatedAt: patch.updatedAt };
      // Undefined values are left out of the SET clause; with none left there is nothing to update.
      if (Object.values(changes).every((value) => value === undefined)) return findConversationById({ id });
      return db.updateTable("conversations").set(changes).where("id", "=", id).returningAll().executeTakeFirst();
    },

    retitleConversation: ({ id, from, to }) =>
      db
        .updateTable("conversations")
        .set({ title: to })
        .where("id", "=", id)
        .where("title", "=", from)
        .returningAll()
        .executeTakeFirst(),

    nextVersion: ({ id }) =>
      db
        .updateTable("conversations")
        .set({ version: sql`version + 1` })
        .where("id", "=", id)
        .returning(["version", "userId"])
        .executeTakeFirst(),

    async deleteConversation({ id }) {
      const result = await db.deleteFrom("conversations").where("id", "=", id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}
