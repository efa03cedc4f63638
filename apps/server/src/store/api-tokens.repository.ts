import type { Kysely } from "kysely";
import type { Database } from "./database.ts";
import type { ApiTokensRepository } from "./types.ts";

export function createApiTokensRepository({ db }: { db: Kysely<Database> }): ApiTokensRepository {
  return {
    createToken: (token) => db.insertInto("apiTokens").values(token).returningAll().executeTakeFirstOrThrow(),

    listTokensByUserId: ({ userId }) =>
      db
        .selectFrom("apiTokens")
        .selectAll()
        .where("userId", "=", userId)
        .orderBy("createdAt", "desc")
        .orderBy("id", "desc")
        .execute(),

    findTokenByHash: ({ tokenHash }) =>
      db.selectFrom("apiTokens").selectAll().where("tokenHash", "=", tokenHash).executeTakeFirst(),

    async deleteToken({ id, userId }) {
      const result = await db
        .deleteFrom("apiTokens")
        .where("id", "=", id)
        .where("userId", "=", userId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async touchToken({ id, now }) {
      await db.updateTable("apiTokens").set({ lastUsedAt: now }).where("id", "=", id).execute();
    },
  };
}
