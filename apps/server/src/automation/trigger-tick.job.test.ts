import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createSafeFetch } from "../providers/outbound-safety.ts";
import type { Store, TriggerRecord } from "../store/index.ts";
import type { TriggerRunQueue } from "./trigger-runs.ts";
import { createTriggerTickJob } from "./trigger-tick.job.ts";

let page = "v1";
let url = "";
const server = createServer((_request, response) =>
  response.writeHead(200, { "content-type": "text/plain" }).end(page),
);
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/status`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

function trigger(fields: Partial<TriggerRecord>): TriggerRecord {
  return {
    id: "t1",
    userId: "u1",
    name: "T",
    kind: "poll",
    prompt: "{{content}}",
    model: null,
    conversationId: null,
    schedule: null,
    timezone: null,
    url,
    intervalSeconds: 60,
    secret: null,
    status: "active",
    pollDigest: null,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
    ...fields,
  };
}

/** Strict fakes: only what a tick may touch exists, and the trigger row changes as the job writes it. */
function setup(initial: TriggerRecord, { allowPrivate = true } = {}) {
  let row = initial;
  const store = {
    triggers: {
      findTriggerById: vi.fn(async () => row),
      updateTrigger: vi.fn(async ({ patch }: { patch: Partial<TriggerRecord> }) => {
        row = { ...row, ...patch };
        return row;
      }),
    },
  } as unknown as Store;
  const queueRun = vi.fn(async () => ({ run: {} as never, created: true }));
  const job = createTriggerTickJob({
    store,
    runs: { queueRun } as unknown as TriggerRunQueue,
    safeFetch: createSafeFetch({ allowPrivate }),
  });
  const tick = (at: string) =>
    job.perform(
      { triggerId: "t1" },
      { jobId: "j", attempt: 1, signal: new AbortController().signal, scheduledFor: new Date(at) },
    );
  return { tick, queueRun };
}

describe("poll triggers", () => {
  it("record the first fetch, then run once per change with the content", async () => {
    page = "v1";
    const { tick, queueRun } = setup(trigger({}));
    await tick("2026-01-01T00:01:00Z");
    expect(queueRun).not.toHaveBeenCalled();
    await tick("2026-01-01T00:02:00Z");
    expect(queueRun).not.toHaveBeenCalled();
    page = "v2";
    await tick("2026-01-01T00:03:00Z");
    await tick("2026-01-01T00:04:00Z");
    expect(queueRun).toHaveBeenCalledTimes(1);
    expect(queueRun).toHaveBeenCalledWith(
      expect.objectContaining({ dedupeKey: "poll:2026-01-01T00:03:00.000Z", input: { content: "v2" } }),
    );
  });

  it("never fetch a private address unless ALLOW_PRIVATE_BASE_URLS is set", async () => {
    const { tick, queueRun } = setup(trigger({}), { allowPrivate: false });
    await expect(tick("2026-01-01T00:01:00Z")).rejects.toThrow();
    expect(queueRun).not.toHaveBeenCalled();
  });
});

describe("schedule triggers", () => {
  it("queue one run keyed by the tick, and none while paused", async () => {
    const { tick, queueRun } = setup(trigger({ kind: "schedule", url: null, schedule: "* * * * *" }));
    await tick("2026-01-01T00:05:00Z");
    expect(queueRun).toHaveBeenCalledWith(expect.objectContaining({ dedupeKey: "tick:2026-01-01T00:05:00.000Z" }));
    const paused = setup(trigger({ kind: "schedule", status: "paused" }));
    await paused.tick("2026-01-01T00:06:00Z");
    expect(paused.queueRun).not.toHaveBeenCalled();
  });
});
