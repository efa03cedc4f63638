import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Store } from "../store/index.ts";
import { openSqliteStore } from "../store/sqlite.ts";
import { defineJob, type JobEvent, openJobQueue, type StoreKysely } from "./index.ts";
import { runJobQueueContract } from "./job-queue.contract.ts";
import { createSqliteJobQueue } from "./sqlite.ts";

const directory = await mkdtemp(join(tmpdir(), "slipstream-jobs-"));
const path = join(directory, "jobs.db");

runJobQueueContract({
  name: "sqlite",
  unitMs: 100,
  async open({ onEvent }) {
    // Each queue opens the file on a connection of its own, as another process would.
    const store = await openSqliteStore({ path });
    const db = store.handle as StoreKysely;
    const queue = createSqliteJobQueue({ db, onEvent });
    return {
      queue,
      db,
      async close() {
        await queue.stop({ graceMs: 0 });
        await store.close();
      },
    };
  },
  cleanup: () => rm(directory, { recursive: true, force: true }),
});

describe("SQLite job queue", () => {
  const payloadSchema = z.object({ n: z.number() });
  let ownDirectory = "";
  let opened: Store[] = [];
  beforeAll(async () => {
    ownDirectory = await mkdtemp(join(tmpdir(), "slipstream-jobs-sqlite-"));
  });
  afterAll(() => rm(ownDirectory, { recursive: true, force: true }));
  const openDatabase = async (file: string) => {
    const store = await openSqliteStore({ path: join(ownDirectory, file) });
    opened.push(store);
    return store.handle as StoreKysely;
  };
  afterEach(async () => {
    vi.useRealTimers();
    await Promise.all(opened.map((store) => store.close().catch(() => {})));
    opened = [];
  });

  it("is what openJobQueue opens for a SQLite database", async () => {
    const db = await openDatabase("selector.db");
    const queue = await openJobQueue({ database: { kind: "sqlite", path: "unused" }, db });
    expect(queue.kind).toBe("sqlite");
    await queue.stop();
  });

  it("waits retryDelayMs, then twice as long after each failed attempt", async () => {
    const start = new Date("2030-01-01T00:00:00.000Z").getTime();
    vi.useFakeTimers({ now: start });
    const queue = createSqliteJobQueue({ db: await openDatabase("backoff.db") });
    const startedAt: number[] = [];
    const job = defineJob({
      name: "sqlite.backoff",
      schema: payloadSchema,
      options: { retryLimit: 3, retryDelayMs: 1_000, retryBackoff: true },
      async perform() {
        startedAt.push(Date.now() - start);
        throw new Error("unreachable host");
      },
    });
    await queue.work([job], { pollIntervalMs: 100 });
    const id = (await queue.enqueue(job, { n: 1 })) as string;

    await vi.advanceTimersByTimeAsync(0);
    expect((await queue.getJob(id))?.runAt.getTime()).toBe(start + 1_000);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(startedAt).toEqual([0, 1_000, 3_000, 7_000]);
    expect(await queue.getJob(id)).toMatchObject({ state: "failed", attempts: 4, lastError: "unreachable host" });
    await queue.stop({ graceMs: 0 });
  });

  it("wakes at once for a job this process enqueues, without waiting for the next poll", async () => {
    vi.useFakeTimers();
    const queue = createSqliteJobQueue({ db: await openDatabase("wake.db") });
    const runs: number[] = [];
    const job = defineJob({ name: "sqlite.wake", schema: payloadSchema, perform: async ({ n }) => void runs.push(n) });
    await queue.work([job], { pollIntervalMs: 60_000 });
    await vi.advanceTimersByTimeAsync(0);
    await queue.enqueue(job, { n: 1 });
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toEqual([1]);
    await queue.stop({ graceMs: 0 });
  });

  it("runs a cron tick at its time, even when the timer fires on the tick's very millisecond", async () => {
    vi.useFakeTimers({ now: new Date("2030-01-01T00:00:03.000Z") });
    const queue = createSqliteJobQueue({ db: await openDatabase("on-time.db") });
    const runs: { at: string; scheduledFor?: string }[] = [];
    const job = defineJob({
      name: "sqlite.on-time",
      schema: payloadSchema,
      perform: async (_payload, { scheduledFor }) =>
        void runs.push({ at: new Date().toISOString(), scheduledFor: scheduledFor?.toISOString() }),
    });
    await queue.work([job], { pollIntervalMs: 60_000 });
    await queue.schedule(job, { n: 1 }, { cron: "*/10 * * * * *" });
    await vi.advanceTimersByTimeAsync(17_000);
    expect(runs).toEqual([
      { at: "2030-01-01T00:00:10.000Z", scheduledFor: "2030-01-01T00:00:10.000Z" },
      { at: "2030-01-01T00:00:20.000Z", scheduledFor: "2030-01-01T00:00:20.000Z" },
    ]);
    await queue.stop({ graceMs: 0 });
  });

  for (const { retryLimit, outcome } of [
    { retryLimit: 1, outcome: "runs it again" },
    { retryLimit: 0, outcome: "fails it when no retry is left" },
  ]) {
    it(`${outcome} once the lease of a process that died with it has run out`, async () => {
      const file = `died-${retryLimit}.db`;
      const runs: number[] = [];
      const job = defineJob({
        name: "sqlite.lease",
        schema: payloadSchema,
        options: { retryLimit, expireInMs: 500 },
        perform: async (_payload, { attempt }) => {
          runs.push(attempt);
          if (attempt === 1) await new Promise(() => {});
        },
      });
      const dying = await openDatabase(file);
      const dyingQueue = createSqliteJobQueue({ db: dying, onEvent: () => {} });
      await dyingQueue.work([job], { pollIntervalMs: 20 });
      const id = (await dyingQueue.enqueue(job, { n: 1 })) as string;
      await vi.waitFor(() => expect(runs).toEqual([1]));
      // The process is gone: its connection closes while its claim is still on the job.
      await dying.destroy();

      const events: JobEvent[] = [];
      const queue = createSqliteJobQueue({ db: await openDatabase(file), onEvent: (event) => events.push(event) });
      await queue.work([job], { pollIntervalMs: 20 });
      const expected = retryLimit > 0 ? "completed" : "failed";
      await vi.waitFor(async () => expect((await queue.getJob(id))?.state).toBe(expected), { timeout: 10_000 });
      expect(runs).toEqual(retryLimit > 0 ? [1, 2] : [1]);
      if (retryLimit === 0) expect((await queue.getJob(id))?.lastError).toMatch(/lease ran out/);
      expect(events.map((event) => event.type)).toContain(retryLimit > 0 ? "completed" : "failed");
      await Promise.all([queue.stop({ graceMs: 0 }), dyingQueue.stop({ graceMs: 0 })]);
    });
  }
});
