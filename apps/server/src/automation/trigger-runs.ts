import { newId } from "../ids/new-id.ts";
import type { JobDefinition, JobQueue, StoreKysely } from "../jobs/index.ts";
import type { Store, TriggerRecord, TriggerRunRecord } from "../store/index.ts";

/**
 * Records a run of a trigger and enqueues its job in one transaction: a run exists exactly when its job does. A
 * `dedupeKey` already used by this trigger (a replayed webhook id, a tick seen twice) returns that first run instead.
 */
export function createTriggerRunQueue({
  store,
  jobs,
  runJob,
}: {
  store: Store;
  jobs: JobQueue;
  runJob: () => JobDefinition<{ runId: string }>;
}) {
  return {
    async queueRun({
      trigger,
      dedupeKey,
      input,
    }: {
      trigger: TriggerRecord;
      dedupeKey: string | null;
      input: Record<string, unknown>;
    }): Promise<{ run: TriggerRunRecord; created: boolean }> {
      return store.transaction(async (tx) => {
        const run = await tx.triggerRuns.createRun({
          id: newId(),
          triggerId: trigger.id,
          status: "queued",
          dedupeKey,
          input,
          conversationId: null,
          messageId: null,
          error: null,
          createdAt: new Date().toISOString(),
          startedAt: null,
          finishedAt: null,
        });
        if (run) {
          await jobs.enqueue(runJob(), { runId: run.id }, { tx: tx.handle as StoreKysely });
          return { run, created: true };
        }
        const first = await tx.triggerRuns.findRunByDedupeKey({ triggerId: trigger.id, dedupeKey: dedupeKey ?? "" });
        if (!first) throw new Error(`Run of trigger ${trigger.id} neither created nor found`);
        return { run: first, created: false };
      });
    },
  };
}
export type TriggerRunQueue = ReturnType<typeof createTriggerRunQueue>;
