import { type Kysely, sql } from "kysely";
import type { Database, MessagesTable } from "./database.ts";
import type { MessageRecord, MessagesRepository } from "./index.ts";

export function createMessagesRepository({ db }: { db: Kysely<Database> }): MessagesRepository {
  const findMessageById: MessagesRepository["findMessageById"] = async ({ id }) => {
    const row = await db.selectFrom("messages").selectAll().where("id", "=", id).executeTakeFirst();
    return row && toMessageRecord(row);
  };

  return {
    async createMessage(message) {
      const row = await db
        .insertInto("messages")
        .values(toMessageRow(message))
        .returningAll()
        .executeTakeFirstOrThrow();
      return toMessageRecord(row);
    },

    async listMessagesByConversationId({ conversationId }) {
      const rows = await db
        .selectFrom("messages")
        .selectAll()
        .where("conversation_id", "=", conversationId)
        .orderBy("id", "asc")
        .execute();
      return rows.map(toMessageRecord);
    },

    findMessageById,

    async findLatestMessage({ conversationId }) {
      const row = await db
        .selectFrom("messages")
        .selectAll()
        .where("conversation_id", "=", conversationId)
        .orderBy("id", "desc")
        .limit(1)
        .executeTakeFirst();
      return row && toMessageRecord(row);
    },

    async listMessagePath({ id }) {
      // Walks parent links up from `id` in the database, so a long conversation is not read whole for one branch.
      const rows = await db
        .withRecursive("path(id, parent_id, depth)", (query) =>
          query
            .selectFrom("messages")
            .select(["id", "parent_id", sql<number>`0`.as("depth")])
            .where("id", "=", id)
            .unionAll((parents) =>
              parents
                .selectFrom("messages")
                .innerJoin("path", "path.parent_id", "messages.id")
                .select(["messages.id", "messages.parent_id", sql<number>`path.depth + 1`.as("depth")]),
            ),
        )
        .selectFrom("messages")
        .innerJoin("path", "path.id", "messages.id")
        .selectAll("messages")
        .orderBy("path.depth", "desc")
        .execute();
      return rows.map(toMessageRecord);
    },

    async findMessageByStreamId({ streamId }) {
      const row = await db
        .selectFrom("messages")
        .innerJoin("conversations", "conversations.id", "messages.conversation_id")
        .selectAll("messages")
        .select("conversations.user_id")
        .where("messages.stream_id", "=", streamId)
        .executeTakeFirst();
      return row && { ...toMessageRecord(row), userId: row.user_id };
    },

    async updateMessage({ id, patch }) {
      // Undefined values are left out of the SET clause; with none left there is nothing to update.
      const changes = {
        content: patch.content,
        status: patch.status,
        error: patch.error,
        updated_at: patch.updatedAt,
      };
      if (Object.values(changes).every((value) => value === undefined)) return findMessageById({ id });
      const row = await db.updateTable("messages").set(changes).where("id", "=", id).returningAll().executeTakeFirst();
      return row && toMessageRecord(row);
    },

    async interruptStreamingMessages({ now }) {
      const result = await db
        .updateTable("messages")
        .set({ status: "interrupted", updated_at: now })
        .where("status", "=", "streaming")
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async interruptStaleMessages({ updatedBefore, now }) {
      const rows = await db
        .updateTable("messages")
        .set({ status: "interrupted", updated_at: now })
        .where("status", "=", "streaming")
        .where("updated_at", "<", updatedBefore)
        .returningAll()
        .execute();
      return rows.map(toMessageRecord);
    },
  };
}

function toMessageRow(message: MessageRecord): MessagesTable {
  return {
    id: message.id,
    conversation_id: message.conversationId,
    parent_id: message.parentId,
    role: message.role,
    content: message.content,
    model: message.model,
    status: message.status,
    error: message.error,
    stream_id: message.streamId,
    created_at: message.createdAt,
    updated_at: message.updatedAt,
  };
}

function toMessageRecord(row: MessagesTable): MessageRecord {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    parentId: row.parent_id,
    role: row.role,
    content: row.content,
    model: row.model,
    status: row.status,
    error: row.error,
    streamId: row.stream_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
