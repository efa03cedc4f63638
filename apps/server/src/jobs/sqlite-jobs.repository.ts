import type { Insertable, Kysely, Selectable } from "kysely";
import type { JobsTable, JobTables } from "./tables.ts";
import type { JobStats } from "./types.ts";

export type JobRow = Selectable<JobsTable>;

const WAITING = ["queued", "retry"] as const;
const LEASE_EXPIRED_ERROR = "The attempt's lease ran out before it finished (its process stopped or hung).";
/** A claim lost to another process is tried again with the next candidate, this many times per call. */
const CLAIM_TRIES = 5;

/** The `jobs` table of the embedded queue. Times are ISO-8601 strings, which compare in time order. */
export function createSqliteJobsRepository({ db }: { db: Kysely<JobTables> }) {
  return {
    /** Returns false when the id or a pending job's singleton key is already taken. */
    async insertJob({
      db: target = db,
      job,
    }: {
      db?: Kysely<JobTables>;
      job: Insertable<JobsTable>;
    }): Promise<boolean> {
      const inserted = await target
        .insertInto("jobs")
        .values(job)
        .onConflict((conflict) => conflict.doNothing())
        .returning("id")
        .executeTakeFirst();
      return inserted !== undefined;
    },

    /**
     * Claims the oldest due job of these kinds for one attempt, until `now + expireInMs`. A job is due
     * when it waits and its time has come, or when it runs under a lease that ran out. The UPDATE only
     * matches while the row is still as it was read (same attempt count, still due), so of two
     * processes racing for one job exactly one gets it.
     */
    async claimNextJob({
      names,
      now,
    }: {
      names: string[];
      now: Date;
    }): Promise<{ job: JobRow; dueAt: Date } | undefined> {
      const at = now.toISOString();
      for (let tries = 0; tries < CLAIM_TRIES; tries += 1) {
        const candidate = await db
          .selectFrom("jobs")
          .select(["id", "attempts", "expireInMs", "availableAt"])
          .where("name", "in", names)
          .where("availableAt", "<=", at)
          .where((eb) =>
            eb.or([
              eb("state", "in", WAITING),
              eb.and([eb("state", "=", "running"), eb("attempts", "<=", eb.ref("retryLimit"))]),
            ]),
          )
          .orderBy("availableAt")
          .orderBy("id")
          .limit(1)
          .executeTakeFirst();
        if (candidate === undefined) return undefined;
        const job = await db
          .updateTable("jobs")
          .set((eb) => ({
            state: "running",
            attempts: eb("attempts", "+", 1),
            availableAt: new Date(now.getTime() + candidate.expireInMs).toISOString(),
          }))
          .where("id", "=", candidate.id)
          .where("attempts", "=", candidate.attempts)
          .where("availableAt", "=", candidate.availableAt)
          .returningAll()
          .executeTakeFirst();
        if (job !== undefined) return { job, dueAt: new Date(candidate.availableAt) };
      }
      return undefined;
    },

    /** Fails the jobs whose last allowed attempt lost its lease: no process will finish them. */
    async failAbandonedJobs({ now }: { now: Date }): Promise<Pick<JobRow, "id" | "name" | "attempts">[]> {
      return db
        .updateTable("jobs")
        .set({ state: "failed", finishedAt: now.toISOString(), lastError: LEASE_EXPIRED_ERROR })
        .where("state", "=", "running")
        .where("availableAt", "<=", now.toISOString())
        .whereRef("attempts", ">", "retryLimit")
        .returning(["id", "name", "attempts"])
        .execute();
    },

    /** Records how an attempt ended, only while that attempt still holds the job; false when it no longer does. */
    async finishAttempt({
      id,
      attempt,
      outcome,
      now,
    }: {
      id: string;
      attempt: number;
      outcome:
        | { state: "completed" }
        | { state: "failed"; error: string }
        | { state: "retry"; error: string; at: Date };
      now: Date;
    }): Promise<boolean> {
      const patch =
        outcome.state === "completed"
          ? { state: outcome.state, finishedAt: now.toISOString() }
          : outcome.state === "failed"
            ? { state: outcome.state, finishedAt: now.toISOString(), lastError: outcome.error }
            : { state: outcome.state, availableAt: outcome.at.toISOString(), lastError: outcome.error };
      const result = await db
        .updateTable("jobs")
        .set(patch)
        .where("id", "=", id)
        .where("state", "=", "running")
        .where("attempts", "=", attempt)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    findJob: ({ id }: { id: string }) => db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst(),

    async countJobsByState({ name }: { name?: string }): Promise<JobStats> {
      const rows = await db
        .selectFrom("jobs")
        .select(["state", (eb) => eb.fn.countAll<number>().as("count")])
        .$if(name !== undefined, (query) => query.where("name", "=", name as string))
        .groupBy("state")
        .execute();
      const stats: JobStats = { queued: 0, running: 0, failed: 0, completed: 0 };
      for (const { state, count } of rows) stats[state === "retry" ? "queued" : state] += Number(count);
      return stats;
    },

    async deleteFinishedJobs({ before }: { before: Date }): Promise<void> {
      await db
        .deleteFrom("jobs")
        .where("state", "in", ["completed", "failed"])
        .where("finishedAt", "<", before.toISOString())
        .execute();
    },
  };
}
