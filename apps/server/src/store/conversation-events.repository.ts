import type { ExpressionBuilder, Kysely } from "kysely";
import type { ConversationEventsTable, Database } from "./database.ts";
import type { ConversationEventRecord, ConversationEventsRepository } from "./types.ts";

const EVENT_COLUMNS = [
  "id",
  "conversationId",
  "version",
  "userId",
  "type",
  "payload",
  "createdAt",
  "publishedAt",
] as const;

export function createConversationEventsRepository({ db }: { db: Kysely<Database> }): ConversationEventsRepository {
  return {
    async appendEvents(events) {
      if (events.length === 0) return;
      await db
        .insertInto("conversationEvents")
        .values(events.map((event) => ({ ...event, payload: JSON.stringify(event.payload), claimedUntil: null })))
        .execute();
    },

    async markPublished({ ids, now }) {
      if (ids.length === 0) return;
      await db.updateTable("conversationEvents").set({ publishedAt: now }).where("id", "in", ids).execute();
    },

    async claimUnpublished({ createdBefore, now, claimUntil, limit }) {
      const claimable = (eb: ExpressionBuilder<Database, "conversationEvents">) =>
        eb.and([eb("publishedAt", "is", null), eb.or([eb("claimedUntil", "is", null), eb("claimedUntil", "<", now)])]);
      // The conditions are checked again outside the subquery: Postgres re-checks them on a row that another
      // claim has just locked and changed, so two instances never both take one event.
      const rows = await db
        .updateTable("conversationEvents")
        .set({ claimedUntil: claimUntil })
        .where(
          "id",
          "in",
          db
            .selectFrom("conversationEvents")
            .select("id")
            .where(claimable)
            .where("createdAt", "<", createdBefore)
            .orderBy("id")
            .limit(limit),
        )
        .where(claimable)
        .returning(EVENT_COLUMNS)
        .execute();
      return rows.map(toEventRecord).sort((a, b) => (a.id < b.id ? -1 : 1));
    },

    async listEventsAfter({ conversationId, after, limit }) {
      const rows = await db
        .selectFrom("conversationEvents")
        .select(EVENT_COLUMNS)
        .where("conversationId", "=", conversationId)
        .where("version", ">", after)
        .orderBy("version")
        .limit(limit)
        .execute();
      return rows.map(toEventRecord);
    },
  };
}

function toEventRecord(row: Omit<ConversationEventsTable, "claimedUntil">): ConversationEventRecord {
  return { ...row, payload: JSON.parse(row.payload) };
}
