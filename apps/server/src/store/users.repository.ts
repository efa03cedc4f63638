import type { Kysely } from "kysely";
import { conflict } from "../errors.ts";
import type { Database, UsersTable } from "./database.ts";
import type { UserRecord, UsersRepository } from "./index.ts";

export function createUsersRepository({ db }: { db: Kysely<Database> }): UsersRepository {
  return {
    async createUser(user) {
      // ON CONFLICT keeps the duplicate check atomic and dialect-neutral, and unlike a caught
      // unique violation it does not abort an enclosing Postgres transaction.
      const row = await db
        .insertInto("users")
        .values(toUserRow(user))
        .onConflict((oc) => oc.column("email").doNothing())
        .returningAll()
        .executeTakeFirst();
      if (row === undefined) throw conflict("An account with this email already exists.", "email_taken");
      return toUserRecord(row);
    },

    async findUserById({ id }) {
      const row = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
      return row && toUserRecord(row);
    },

    async findUserByEmail({ email }) {
      const row = await db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
      return row && toUserRecord(row);
    },

    async updatePasswordHash({ id, passwordHash }) {
      await db.updateTable("users").set({ password_hash: passwordHash }).where("id", "=", id).execute();
    },
  };
}

function toUserRow(user: UserRecord): UsersTable {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    password_hash: user.passwordHash,
    created_at: user.createdAt,
  };
}

function toUserRecord(row: UsersTable): UserRecord {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
  };
}
