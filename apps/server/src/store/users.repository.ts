import type { Kysely } from "kysely";
import { conflict } from "../errors.ts";
import type { Database } from "./database.ts";
import type { UsersRepository } from "./types.ts";

const FIRST_ADMIN = "first_admin";

export function createUsersRepository({ db }: { db: Kysely<Database> }): UsersRepository {
  return {
    async createUser(user) {
      // ON CONFLICT keeps the duplicate check atomic and dialect-neutral, and unlike a caught
      // unique violation it does not abort an enclosing Postgres transaction.
      const row = await db
        .insertInto("users")
        .values(user)
        .onConflict((oc) => oc.column("email").doNothing())
        .returningAll()
        .executeTakeFirst();
      if (row === undefined) throw conflict("An account with this email already exists.", "email_taken");
      // Whoever claims the setting first is the first account, however many register at once.
      const claimed = await db
        .insertInto("settings")
        .values({ name: FIRST_ADMIN, value: row.id, updatedAt: row.createdAt })
        .onConflict((oc) => oc.column("name").doNothing())
        .returning("name")
        .executeTakeFirst();
      if (!claimed || row.role === "admin") return row;
      return db
        .updateTable("users")
        .set({ role: "admin" })
        .where("id", "=", row.id)
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    findUserById: ({ id }) => db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst(),

    findUserByEmail: ({ email }) => db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst(),

    listUsers: () => db.selectFrom("users").selectAll().orderBy("createdAt").orderBy("id").execute(),

    async updateUser({ id, patch }) {
      const changes = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
      if (Object.keys(changes).length === 0) {
        return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
      }
      return db.updateTable("users").set(changes).where("id", "=", id).returningAll().executeTakeFirst();
    },
  };
}
