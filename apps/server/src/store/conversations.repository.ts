import type { Kysely } from "kysely";
import type { ConversationsTable, Database } from "./database.ts";
import type { ConversationRecord, ConversationsRepository } from "./index.ts";

export function createConversationsRepository({ db }: { db: Kysely<Database> }): ConversationsRepository {
  const findConversationById: ConversationsRepository["findConversationById"] = async ({ id, userId }) => {
    const row = await db
      .selectFrom("conversations")
      .selectAll()
      .where("id", "=", id)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return row && toConversationRecord(row);
  };

  return {
    async createConversation(conversation) {
      const row = await db
        .insertInto("conversations")
        .values(toConversationRow(conversation))
        .returningAll()
        .executeTakeFirstOrThrow();
      return toConversationRecord(row);
    },

    async listConversationsByUserId({ userId }) {
      const rows = await db
        .selectFrom("conversations")
        .selectAll()
        .where("user_id", "=", userId)
        .orderBy("updated_at", "desc")
        .orderBy("id", "desc")
        .execute();
      return rows.map(toConversationRecord);
    },

    findConversationById,

    async updateConversation({ id, userId, patch }) {
      // Undefined values are left out of the SET clause; with none left there is nothing to update.
      const changes = { title: patch.title, model: patch.model, updated_at: patch.updatedAt };
      if (Object.values(changes).every((value) => value === undefined)) return findConversationById({ id, userId });
      const row = await db
        .updateTable("conversations")
        .set(changes)
        .where("id", "=", id)
        .where("user_id", "=", userId)
        .returningAll()
        .executeTakeFirst();
      return row && toConversationRecord(row);
    },

    async deleteConversation({ id, userId }) {
      const result = await db
        .deleteFrom("conversations")
        .where("id", "=", id)
        .where("user_id", "=", userId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}

function toConversationRow(conversation: ConversationRecord): ConversationsTable {
  return {
    id: conversation.id,
    user_id: conversation.userId,
    title: conversation.title,
    model: conversation.model,
    created_at: conversation.createdAt,
    updated_at: conversation.updatedAt,
  };
}

function toConversationRecord(row: ConversationsTable): ConversationRecord {
  return {
    id: row.id,
    userId: row.user_id,
    title: row.title,
    model: row.model,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
