import type { Kysely, Selectable } from "kysely";
import type { TriggerRunRecord, TriggerRunsRepository, TriggersRepository } from "./automation-types.ts";
import type { Database, TriggerRunsTable } from "./database.ts";

export function createTriggersRepository({ db }: { db: Kysely<Database> }): TriggersRepository {
  return {
    async createTrigger(trigger) {
      await db.insertInto("triggers").values(trigger).execute();
      return trigger;
    },

    findTriggerById: ({ id }) => db.selectFrom("triggers").selectAll().where("id", "=", id).executeTakeFirst(),

    listTriggersByUserId: ({ userId }) =>
      db
        .selectFrom("triggers")
        .selectAll()
        .where("userId", "=", userId)
        .orderBy("createdAt", "desc")
        .orderBy("id", "desc")
        .execute(),

    updateTrigger: ({ id, userId, patch }) =>
      db
        .updateTable("triggers")
        .set(patch)
        .where("id", "=", id)
        .where("userId", "=", userId)
        .returningAll()
        .executeTakeFirst(),

    async deleteTrigger({ id, userId }) {
      const result = await db
        .deleteFrom("triggers")
        .where("id", "=", id)
        .where("userId", "=", userId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}

export function createTriggerRunsRepository({ db }: { db: Kysely<Database> }): TriggerRunsRepository {
  return {
    async createRun(run) {
      const row = await db
        .insertInto("triggerRuns")
        .values({ ...run, input: JSON.stringify(run.input) })
        .onConflict((oc) => oc.columns(["triggerId", "dedupeKey"]).doNothing())
        .returningAll()
        .executeTakeFirst();
      return row && toRun(row);
    },

    async findRunById({ id }) {
      const row = await db.selectFrom("triggerRuns").selectAll().where("id", "=", id).executeTakeFirst();
      return row && toRun(row);
    },

    async findRunByDedupeKey({ triggerId, dedupeKey }) {
      const row = await db
        .selectFrom("triggerRuns")
        .selectAll()
        .where("triggerId", "=", triggerId)
        .where("dedupeKey", "=", dedupeKey)
        .executeTakeFirst();
      return row && toRun(row);
    },

    async listRunsByTriggerId({ triggerId, limit }) {
      const rows = await db
        .selectFrom("triggerRuns")
        .selectAll()
        .where("triggerId", "=", triggerId)
        .orderBy("createdAt", "desc")
        .orderBy("id", "desc")
        .limit(limit)
        .execute();
      return rows.map(toRun);
    },

    async updateRun({ id, patch }) {
      const row = await db.updateTable("triggerRuns").set(patch).where("id", "=", id).returningAll().executeTakeFirst();
      return row && toRun(row);
    },
  };
}

function toRun(row: Selectable<TriggerRunsTable>): TriggerRunRecord {
  return { ...row, input: JSON.parse(row.input) as Record<string, unknown> };
}
