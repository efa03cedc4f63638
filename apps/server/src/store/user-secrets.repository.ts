import type { Kysely } from "kysely";
import type { Database } from "./database.ts";
import type { UserSecretsRepository } from "./types.ts";

export function createUserSecretsRepository({ db }: { db: Kysely<Database> }): UserSecretsRepository {
  return {
    async putSecret(secret) {
      return db
        .insertInto("userSecrets")
        .values(secret)
        .onConflict((oc) =>
          oc
            .columns(["userId", "name"])
            .doUpdateSet({ hint: secret.hint, secret: secret.secret, updatedAt: secret.updatedAt }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    listSecretsByUserId: ({ userId }) =>
      db.selectFrom("userSecrets").selectAll().where("userId", "=", userId).orderBy("name").execute(),

    async findSecrets({ userId, names }) {
      if (names.length === 0) return [];
      return db
        .selectFrom("userSecrets")
        .selectAll()
        .where("userId", "=", userId)
        .where("name", "in", [...names])
        .orderBy("name")
        .execute();
    },

    async deleteSecret({ userId, name }) {
      const result = await db
        .deleteFrom("userSecrets")
        .where("userId", "=", userId)
        .where("name", "=", name)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    listAllSecrets: () => db.selectFrom("userSecrets").selectAll().orderBy("userId").orderBy("name").execute(),

    async updateSecretEnvelope({ userId, name, secret }) {
      await db
        .updateTable("userSecrets")
        .set({ secret })
        .where("userId", "=", userId)
        .where("name", "=", name)
        .execute();
    },
  };
}
