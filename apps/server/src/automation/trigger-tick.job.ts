import { createHash } from "node:crypto";
import { z } from "zod";
import { defineJob } from "../jobs/index.ts";
import type { Store, TriggerRecord } from "../store/index.ts";
import type { TriggerRunQueue } from "./trigger-runs.ts";

/** The most of a polled page that is read: enough to notice a change and fill `{{content}}`. */
export const POLL_MAX_BYTES = 256 * 1024;
const POLL_TIMEOUT_MS = 15_000;

/**
 * One tick of a schedule or poll trigger, enqueued by the job queue's schedules (which make each tick one job
 * across the fleet). A schedule tick queues a run keyed by its tick time; a poll tick fetches the URL and queues
 * a run only when the content differs from the last fetch (the first fetch only records it).
 */
export function createTriggerTickJob({
  store,
  runs,
  safeFetch,
}: {
  store: Store;
  runs: TriggerRunQueue;
  safeFetch: typeof fetch;
}) {
  async function poll(trigger: TriggerRecord, tick: string, signal: AbortSignal) {
    const response = await safeFetch(trigger.url as string, {
      headers: { "user-agent": "Slipstream-Triggers" },
      signal: AbortSignal.any([signal, AbortSignal.timeout(POLL_TIMEOUT_MS)]),
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`Polling answered HTTP ${response.status}`);
    }
    const content = await readBounded(response);
    const digest = createHash("sha256").update(content).digest("hex");
    if (digest === trigger.pollDigest) return;
    await store.triggers.updateTrigger({ id: trigger.id, userId: trigger.userId, patch: { pollDigest: digest } });
    if (trigger.pollDigest === null) return;
    await runs.queueRun({ trigger, dedupeKey: `poll:${tick}`, input: { content } });
  }

  return defineJob({
    name: "trigger.tick",
    schema: z.object({ triggerId: z.string() }),
    // A missed tick is not worth retrying into the next one.
    options: { retryLimit: 0, expireInMs: 60_000 },
    async perform({ triggerId }, { scheduledFor, signal }) {
      const trigger = await store.triggers.findTriggerById({ id: triggerId });
      if (trigger?.status !== "active") return;
      const tick = (scheduledFor ?? new Date()).toISOString();
      if (trigger.kind === "poll") return poll(trigger, tick, signal);
      if (trigger.kind === "schedule") await runs.queueRun({ trigger, dedupeKey: `tick:${tick}`, input: { tick } });
    },
  });
}
export type TriggerTickJob = ReturnType<typeof createTriggerTickJob>;

async function readBounded(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < POLL_MAX_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel();
  return Buffer.concat(chunks).subarray(0, POLL_MAX_BYTES).toString("utf8");
}
