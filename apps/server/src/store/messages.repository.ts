import type { MessagePart, MessageUsage } from "@slipstream/protocol";
import { type Kysely, sql } from "kysely";
import type { Database, MessagesTable } from "./database.ts";
import type { MessageRecord, MessagesRepository } from "./types.ts";

export function createMessagesRepository({ db }: { db: Kysely<Database> }): MessagesRepository {
  const findMessageById: MessagesRepository["findMessageById"] = async ({ id }) => {
    const row = await db.selectFrom("messages").selectAll().where("id", "=", id).executeTakeFirst();
    return row && toMessageRecord(row);
  };

  return {
    async createMessage(message) {
      const row = await db
        .insertInto("messages")
        .values({
          ...message,
          authorId: message.authorId ?? null,
          parts: JSON.stringify(message.parts),
          usage: json(message.usage ?? null),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toMessageRecord(row);
    },

    async listMessagesByConversationId({ conversationId }) {
      const rows = await db
        .selectFrom("messages")
        .selectAll()
        .where("conversationId", "=", conversationId)
        .orderBy("id", "asc")
        .execute();
      return rows.map(toMessageRecord);
    },

    findMessageById,

    async findLatestMessage({ conversationId }) {
      const row = await db
        .selectFrom("messages")
        .selectAll()
        .where("conversationId", "=", conversationId)
        .orderBy("id", "desc")
        .limit(1)
        .executeTakeFirst();
      return row && toMessageRecord(row);
    },

    async listMessagePath({ id }) {
      // Walks parent links up from `id` in the database, so a long conversation is not read whole for one branch.
      const rows = await db
        .withRecursive("path(id, parentId, depth)", (query) =>
          query
            .selectFrom("messages")
            .select(["id", "parentId", sql<number>`0`.as("depth")])
            .where("id", "=", id)
            .unionAll((parents) =>
              parents
                .selectFrom("messages")
                .innerJoin("path", "path.parentId", "messages.id")
                .select(["messages.id", "messages.parentId", sql<number>`path.depth + 1`.as("depth")]),
            ),
        )
        .selectFrom("messages")
        .innerJoin("path", "path.id", "messages.id")
        .selectAll("messages")
        .orderBy("path.depth", "desc")
        .execute();
      return rows.map(toMessageRecord);
    },

    async listMessageSubtree({ id }) {
      // Walks child links down from `id` in the database, as listMessagePath walks up.
      const rows = await db
        .withRecursive("subtree(id)", (query) =>
          query
            .selectFrom("messages")
            .select("id")
            .where("id", "=", id)
            .unionAll((children) =>
              children
                .selectFrom("messages")
                .innerJoin("subtree", "subtree.id", "messages.parentId")
                .select("messages.id"),
            ),
        )
        .selectFrom("messages")
        .innerJoin("subtree", "subtree.id", "messages.id")
        .selectAll("messages")
        .orderBy("messages.id", "asc")
        .execute();
      return rows.map(toMessageRecord);
    },

    async deleteMessages({ ids }) {
      if (ids.length === 0) return;
      await db.deleteFrom("messages").where("id", "in", ids).execute();
    },

    async findMessageByStreamId({ streamId }) {
      const row = await db.selectFrom("messages").selectAll().where("streamId", "=", streamId).executeTakeFirst();
      return row && toMessageRecord(row);
    },

    async updateMessage({ id, patch }) {
      const { parts, usage, ...rest } = patch;
      const changes = {
        ...rest,
        parts: parts && JSON.stringify(parts),
        usage: usage === undefined ? undefined : json(usage),
      };
      // Undefined values are left out of the SET clause; with none left there is nothing to update.
      if (Object.values(changes).every((value) => value === undefined)) return findMessageById({ id });
      const row = await db.updateTable("messages").set(changes).where("id", "=", id).returningAll().executeTakeFirst();
      return row && toMessageRecord(row);
    },

    async checkpointMessage({ id, content, updatedAt }) {
      await db
        .updateTable("messages")
        .set({ content, updatedAt })
        .where("id", "=", id)
        .where("status", "=", "streaming")
        .execute();
    },

    async interruptStaleMessages({ updatedBefore, now }) {
      const rows = await db
        .updateTable("messages")
        .set({ status: "interrupted", updatedAt: now })
        .where("status", "=", "streaming")
        .where("updatedAt", "<", updatedBefore)
        .returningAll()
        .execute();
      return rows.map(toMessageRecord);
    },
  };
}

const json = (value: unknown) => (value === null ? null : JSON.stringify(value));

function toMessageRecord(row: MessagesTable): MessageRecord {
  return {
    ...row,
    parts: JSON.parse(row.parts) as MessagePart[],
    usage: row.usage === null ? null : (JSON.parse(row.usage) as MessageUsage),
  };
}
