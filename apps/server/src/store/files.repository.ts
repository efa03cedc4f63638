import { type Kysely, sql } from "kysely";
import type { Database } from "./database.ts";
import type { FilesRepository } from "./types.ts";

export function createFilesRepository({ db }: { db: Kysely<Database> }): FilesRepository {
  return {
    createFile: (file) => db.insertInto("files").values(file).returningAll().executeTakeFirstOrThrow(),

    findFileById: ({ id }) => db.selectFrom("files").selectAll().where("id", "=", id).executeTakeFirst(),

    updateFile: ({ id, patch }) =>
      db.updateTable("files").set(patch).where("id", "=", id).returningAll().executeTakeFirst(),

    async attachFilesToConversation({ ids, conversationId }) {
      if (ids.length === 0) return;
      await db
        .updateTable("files")
        .set({ conversationId })
        .where("id", "in", ids)
        .where("conversationId", "is", null)
        .execute();
    },

    async deleteFile({ id }) {
      const result = await db.deleteFrom("files").where("id", "=", id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async markUnreferencedFilesDeleted({ ids }) {
      if (ids.length === 0) return [];
      // File ids are UUIDs, so one found in a message's parts is that file's part (an attachment or a generated file).
      const rows = await db
        .updateTable("files")
        .set({ status: "deleted" })
        .where("id", "in", ids)
        .where("status", "!=", "deleted")
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom("messages")
                .select(sql.lit(1).as("one"))
                .where(sql<boolean>`cast(messages.parts as text) like '%' || files.id || '%'`),
            ),
          ),
        )
        .returning("id")
        .execute();
      return rows.map((row) => row.id);
    },

    async sumFileBytesByUserId({ userId }) {
      const row = await db
        .selectFrom("files")
        .select(sql<number | string | null>`sum(size)`.as("bytes"))
        .where("userId", "=", userId)
        .where("status", "!=", "deleted")
        .executeTakeFirst();
      // Postgres answers sums as strings (bigint); SQLite as numbers.
      return Number(row?.bytes ?? 0);
    },

    listOrphanedFiles: ({ now, limit }) =>
      db
        .selectFrom("files")
        .leftJoin("users", "users.id", "files.userId")
        .leftJoin("conversations", "conversations.id", "files.conversationId")
        .selectAll("files")
        .where((eb) =>
          eb.or([
            eb.and([eb("files.status", "=", "pending"), eb("files.expiresAt", "<", now)]),
            eb("files.status", "=", "deleted"),
            eb("users.id", "is", null),
            eb.and([eb("files.conversationId", "is not", null), eb("conversations.id", "is", null)]),
          ]),
        )
        .orderBy("files.createdAt")
        .orderBy("files.id")
        .limit(limit)
        .execute(),
  };
}
