import type { Kysely } from "kysely";
import type { SlackRepository } from "./automation-types.ts";
import type { Database } from "./database.ts";

export function createSlackRepository({ db }: { db: Kysely<Database> }): SlackRepository {
  return {
    async recordEvent({ eventId, now }) {
      const row = await db
        .insertInto("slackEvents")
        .values({ eventId, createdAt: now })
        .onConflict((oc) => oc.column("eventId").doNothing())
        .returning("eventId")
        .executeTakeFirst();
      return row !== undefined;
    },

    findThread: ({ teamId, channel, threadTs }) =>
      db
        .selectFrom("slackThreads")
        .selectAll()
        .where("teamId", "=", teamId)
        .where("channel", "=", channel)
        .where("threadTs", "=", threadTs)
        .executeTakeFirst(),

    async createThread(thread) {
      await db
        .insertInto("slackThreads")
        .values(thread)
        .onConflict((oc) => oc.columns(["teamId", "channel", "threadTs"]).doNothing())
        .execute();
      const kept = await db
        .selectFrom("slackThreads")
        .selectAll()
        .where("teamId", "=", thread.teamId)
        .where("channel", "=", thread.channel)
        .where("threadTs", "=", thread.threadTs)
        .executeTakeFirstOrThrow();
      return kept;
    },
  };
}
