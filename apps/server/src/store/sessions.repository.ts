import type { Kysely } from "kysely";
import type { Database, SessionsTable } from "./database.ts";
import type { SessionRecord, SessionsRepository } from "./index.ts";

export function createSessionsRepository({ db }: { db: Kysely<Database> }): SessionsRepository {
  return {
    async createSession(session) {
      const row = await db
        .insertInto("sessions")
        .values(toSessionRow(session))
        .returningAll()
        .executeTakeFirstOrThrow();
      return toSessionRecord(row);
    },

    async findSessionById({ id }) {
      const row = await db.selectFrom("sessions").selectAll().where("id", "=", id).executeTakeFirst();
      return row && toSessionRecord(row);
    },

    async deleteSession({ id }) {
      await db.deleteFrom("sessions").where("id", "=", id).execute();
    },

    async deleteSessionsByUserId({ userId, exceptId }) {
      let query = db.deleteFrom("sessions").where("user_id", "=", userId);
      if (exceptId !== undefined) query = query.where("id", "!=", exceptId);
      const rows = await query.returning("id").execute();
      return rows.map((row) => row.id);
    },

    async deleteExpiredSessions({ now }) {
      const result = await db.deleteFrom("sessions").where("expires_at", "<=", now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

function toSessionRow(session: SessionRecord): SessionsTable {
  return {
    id: session.id,
    user_id: session.userId,
    created_at: session.createdAt,
    expires_at: session.expiresAt,
  };
}

function toSessionRecord(row: SessionsTable): SessionRecord {
  return {
    id: row.id,
    userId: row.user_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}
