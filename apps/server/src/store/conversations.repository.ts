import { strongestRole } from "@slipstream/protocol";
import { type Kysely, sql } from "kysely";
import type { ConversationsTable, Database } from "./database.ts";
import type { ConversationRecord, ConversationsRepository } from "./types.ts";

const toConversationRecord = (row: ConversationsTable): ConversationRecord => ({
  ...row,
  params: JSON.parse(row.params) as ConversationRecord["params"],
  tools: JSON.parse(row.tools) as string[],
});

const json = (value: unknown) => (value === undefined ? undefined : JSON.stringify(value));

export function createConversationsRepository({ db }: { db: Kysely<Database> }): ConversationsRepository {
  const findConversationById: ConversationsRepository["findConversationById"] = async ({ id }) => {
    const row = await db.selectFrom("conversations").selectAll().where("id", "=", id).executeTakeFirst();
    return row && toConversationRecord(row);
  };

  return {
    async createConversation({ systemPrompt = "", params = {}, tools = [], spaceId = null, ...conversation }) {
      const row = await db
        .insertInto("conversations")
        .values({
          ...conversation,
          systemPrompt,
          params: JSON.stringify(params),
          tools: JSON.stringify(tools),
          spaceId,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toConversationRecord(row);
    },

    async listConversationsByUserId({ userId, limit, after }) {
      let query = db
        .selectFrom("conversations")
        .selectAll()
        .where("userId", "=", userId)
        .orderBy("updatedAt", "desc")
        .orderBy("id", "desc");
      // Keyset, not offset: a page stays right while conversations above it move to the top.
      if (after) {
        query = query.where((eb) =>
          eb.or([
            eb("updatedAt", "<", after.updatedAt),
            eb.and([eb("updatedAt", "=", after.updatedAt), eb("id", "<", after.id)]),
          ]),
        );
      }
      if (limit !== undefined) query = query.limit(limit);
      const rows = await query.execute();
      return rows.map(toConversationRecord);
    },

    async listReadableConversations({ userId, spaceId, limit, after }) {
      let query = db
        .selectFrom("conversations")
        .leftJoin("conversationMembers", (join) =>
          join
            .onRef("conversationMembers.conversationId", "=", "conversations.id")
            .on("conversationMembers.userId", "=", userId),
        )
        .leftJoin("spaces", "spaces.id", "conversations.spaceId")
        .leftJoin("spaceMembers", (join) =>
          join.onRef("spaceMembers.spaceId", "=", "conversations.spaceId").on("spaceMembers.userId", "=", userId),
        )
        .selectAll("conversations")
        .select([
          "conversationMembers.role as memberRole",
          "spaces.userId as spaceOwnerId",
          "spaceMembers.role as spaceRole",
        ])
        .select((eb) =>
          eb
            .selectFrom("conversationMembers as others")
            .select((inner) => inner.fn.countAll<number | string>().as("count"))
            .whereRef("others.conversationId", "=", "conversations.id")
            .as("memberCount"),
        )
        .where((eb) =>
          eb.or([
            eb("conversations.userId", "=", userId),
            eb("conversationMembers.userId", "=", userId),
            eb("spaces.userId", "=", userId),
            eb("spaceMembers.userId", "=", userId),
          ]),
        )
        .orderBy("conversations.updatedAt", "desc")
        .orderBy("conversations.id", "desc");
      if (spaceId !== undefined) query = query.where("conversations.spaceId", "=", spaceId);
      if (after) {
        query = query.where((eb) =>
          eb.or([
            eb("conversations.updatedAt", "<", after.updatedAt),
            eb.and([eb("conversations.updatedAt", "=", after.updatedAt), eb("conversations.id", "<", after.id)]),
          ]),
        );
      }
      if (limit !== undefined) query = query.limit(limit);
      const rows = await query.execute();
      return rows.map(({ memberRole, spaceOwnerId, spaceRole, memberCount, ...row }) => ({
        ...toConversationRecord(row),
        role:
          strongestRole([
            row.userId === userId || spaceOwnerId === userId ? "owner" : undefined,
            memberRole ?? undefined,
            spaceRole ?? undefined,
          ]) ?? "viewer",
        shared: Number(memberCount ?? 0) > 0,
      }));
    },

    findConversationById,

    async updateConversation({ id, patch }) {
      const changes = {
        title: patch.title,
        model: patch.model,
        systemPrompt: patch.systemPrompt,
        params: json(patch.params),
        tools: json(patch.tools),
        spaceId: patch.spaceId,
        updatedAt: patch.updatedAt,
      };
      // Undefined values are left out of the SET clause; with none left there is nothing to update.
      if (Object.values(changes).every((value) => value === undefined)) return findConversationById({ id });
      const row = await db
        .updateTable("conversations")
        .set(changes)
        .where("id", "=", id)
        .returningAll()
        .executeTakeFirst();
      return row && toConversationRecord(row);
    },

    async retitleConversation({ id, from, to }) {
      const row = await db
        .updateTable("conversations")
        .set({ title: to })
        .where("id", "=", id)
        .where("title", "=", from)
        .returningAll()
        .executeTakeFirst();
      return row && toConversationRecord(row);
    },

    async nextVersions({ id, count }) {
      const taken = await db
        .updateTable("conversations")
        .set({ version: sql`version + ${count}` })
        .where("id", "=", id)
        .returning(["version", "userId"])
        .executeTakeFirst();
      return taken && { first: taken.version - count + 1, userId: taken.userId };
    },

    async deleteConversation({ id }) {
      const result = await db.deleteFrom("conversations").where("id", "=", id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}
