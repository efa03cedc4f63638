import type { Kysely } from "kysely";
import { conflict } from "../errors.ts";
import type { Database } from "./database.ts";
import type { ProviderConnectionsRepository, ProviderKeysRepository } from "./types.ts";

export function createProviderKeysRepository({ db }: { db: Kysely<Database> }): ProviderKeysRepository {
  return {
    async createKey(key) {
      const row = await db
        .insertInto("providerKeys")
        .values(key)
        .onConflict((oc) => oc.columns(["userId", "modelProvider"]).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!row) throw conflict(`You already have a key for ${key.modelProvider}; delete it first.`);
      return row;
    },

    listKeysByUserId: ({ userId }) =>
      db
        .selectFrom("providerKeys")
        .selectAll()
        .where("userId", "=", userId)
        .orderBy("createdAt")
        .orderBy("id")
        .execute(),

    async deleteKey({ id, userId }) {
      const result = await db
        .deleteFrom("providerKeys")
        .where("id", "=", id)
        .where("userId", "=", userId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async touchKey({ id, now }) {
      await db.updateTable("providerKeys").set({ lastUsedAt: now }).where("id", "=", id).execute();
    },

    listAllKeys: () => db.selectFrom("providerKeys").selectAll().orderBy("id").execute(),

    async updateKeySecret({ id, secret }) {
      await db.updateTable("providerKeys").set({ secret }).where("id", "=", id).execute();
    },
  };
}

export function createProviderConnectionsRepository({ db }: { db: Kysely<Database> }): ProviderConnectionsRepository {
  return {
    async createConnection(connection) {
      const row = await db
        .insertInto("providerConnections")
        .values(connection)
        .onConflict((oc) => oc.column("name").doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!row) throw conflict(`A provider connection named ${connection.name} already exists.`);
      return row;
    },

    listConnections: () =>
      db.selectFrom("providerConnections").selectAll().orderBy("createdAt").orderBy("id").execute(),

    async deleteConnection({ id }) {
      const result = await db.deleteFrom("providerConnections").where("id", "=", id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async updateConnectionSecret({ id, secret }) {
      await db.updateTable("providerConnections").set({ secret }).where("id", "=", id).execute();
    },
  };
}
