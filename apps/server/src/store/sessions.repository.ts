import type { Kysely } from "kysely";
import type { Database } from "./database.ts";
import type { SessionsRepository } from "./types.ts";

export function createSessionsRepository({ db }: { db: Kysely<Database> }): SessionsRepository {
  return {
    createSession: (session) => db.insertInto("sessions").values(session).returningAll().executeTakeFirstOrThrow(),

    findSessionById: ({ id }) => db.selectFrom("sessions").selectAll().where("id", "=", id).executeTakeFirst(),

    async deleteSession({ id }) {
      await db.deleteFrom("sessions").where("id", "=", id).execute();
    },

    async deleteSessionsByUserId({ userId, exceptId }) {
      let query = db.deleteFrom("sessions").where("userId", "=", userId);
      if (exceptId !== undefined) query = query.where("id", "!=", exceptId);
      const rows = await query.returning("id").execute();
      return rows.map((row) => row.id);
    },

    async deleteExpiredSessions({ now }) {
      const result = await db.deleteFrom("sessions").where("expiresAt", "<=", now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
