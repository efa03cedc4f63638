import type { Kysely, Selectable } from "kysely";
import type { JobSchedulesTable, JobTables } from "./tables.ts";
import type { ScheduleWhen } from "./types.ts";

export type StoredSchedule = { name: string; key: string; when: ScheduleWhen; payload: unknown; lastTickAt: Date };

/** The `job_schedules` table, the same on both dialects. */
export function createSchedulesRepository({ db }: { db: Kysely<JobTables> }) {
  return {
    /**
     * Creates the schedule, or changes it when its definition differs. A changed definition starts
     * again from now, so ticks the old one missed never run under the new one.
     */
    async upsertSchedule({ name, key, when, payload, now }: Omit<StoredSchedule, "lastTickAt"> & { now: Date }) {
      const definition = {
        cron: "cron" in when ? when.cron : null,
        timezone: "cron" in when ? (when.timezone ?? "UTC") : null,
        everyMs: "everyMs" in when ? when.everyMs : null,
        payload: JSON.stringify(payload),
      };
      const existing = await db
        .selectFrom("jobSchedules")
        .selectAll()
        .where("name", "=", name)
        .where("key", "=", key)
        .executeTakeFirst();
      const stamp = now.toISOString();
      if (existing === undefined) {
        await db
          .insertInto("jobSchedules")
          .values({ name, key, ...definition, lastTickAt: stamp, createdAt: stamp, updatedAt: stamp })
          .onConflict((conflict) => conflict.columns(["name", "key"]).doNothing())
          .execute();
        return;
      }
      const unchanged = (Object.keys(definition) as (keyof typeof definition)[]).every(
        (column) => existing[column] === definition[column],
      );
      if (unchanged) return;
      await db
        .updateTable("jobSchedules")
        .set({ ...definition, lastTickAt: stamp, updatedAt: stamp })
        .where("name", "=", name)
        .where("key", "=", key)
        .execute();
    },

    async deleteSchedule({ name, key }: { name: string; key: string }): Promise<void> {
      await db.deleteFrom("jobSchedules").where("name", "=", name).where("key", "=", key).execute();
    },

    async listSchedules(): Promise<StoredSchedule[]> {
      const rows = await db.selectFrom("jobSchedules").selectAll().execute();
      return rows.map(toStoredSchedule);
    },

    /** Moves the schedule's newest tick forward, never back, whichever process gets there first. */
    async recordTick({ name, key, tick }: { name: string; key: string; tick: Date }): Promise<void> {
      await db
        .updateTable("jobSchedules")
        .set({ lastTickAt: tick.toISOString() })
        .where("name", "=", name)
        .where("key", "=", key)
        .where("lastTickAt", "<", tick.toISOString())
        .execute();
    },
  };
}

function toStoredSchedule(row: Selectable<JobSchedulesTable>): StoredSchedule {
  const when: ScheduleWhen =
    row.cron !== null ? { cron: row.cron, timezone: row.timezone ?? "UTC" } : { everyMs: Number(row.everyMs) };
  return { name: row.name, key: row.key, when, payload: JSON.parse(row.payload), lastTickAt: new Date(row.lastTickAt) };
}
