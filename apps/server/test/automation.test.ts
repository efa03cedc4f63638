import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { signedHeaders } from "../src/automation/webhook-signing.ts";
import { startFakeProvider } from "./fake-provider/index.ts";
import { startFleet } from "./fleet.ts";
import { startInstance, waitForListening } from "./server-process.ts";
import { eventually, FAKE_MODEL, sameUserOn, signedInClient } from "./support.ts";

const WORKER_MAIN = new URL("../../worker/src/main.ts", import.meta.url).pathname;

/** `npm run worker` as its own process; `kill` stops it with the given signal and waits for it to exit. */
async function startWorker(env: Record<string, string>) {
  const child: ChildProcess = spawn(process.execPath, [WORKER_MAIN], {
    env: { PATH: process.env.PATH ?? "", WORKER_PORT: "0", LOG_LEVEL: "info", ...env },
    stdio: "pipe",
  });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  await waitForListening(child, /health on (http:\/\/[^\s"]+)/);
  return {
    async kill(signal: NodeJS.Signals = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

type Run = { id: string; status: string; conversationId: string | null; messageId: string | null; createdAt: string };

describe("trigger runs in worker processes", () => {
  const cleanup: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it("a run accepted before a kill -9 of its worker completes after a worker starts again", async () => {
    const fake = await startFakeProvider();
    cleanup.push(() => fake.close());
    const env = {
      OPENAI_COMPATIBLE_BASE_URL: `${fake.url}/v1`,
      TITLE_MODEL: "none",
      WORKER: "off",
      TRIGGER_RUN_TIMEOUT_MS: "3000",
      GENERATION_LEASE_MS: "1500",
    };
    const server = await startInstance(env);
    cleanup.push(() => server.stop());
    const workerEnv = { ...env, DATA_DIR: server.dataDir };
    const { client } = await signedInClient(server.url, "hooked");
    const created = await client.transport.raw("/api/triggers", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        name: "Slow",
        kind: "webhook",
        model: FAKE_MODEL,
        prompt: "[[slow:150]][[chunks:40]][[reply:{{body.answer}}]] go",
      }),
    });
    const { trigger, secret } = await created.json();
    const runs = async (): Promise<Run[]> =>
      (await (await client.transport.raw(`/api/triggers/${trigger.id}/runs`)).json()).runs;

    const first = await startWorker(workerEnv);
    cleanup.push(() => first.kill("SIGKILL"));
    const body = JSON.stringify({ answer: "survived the crash" });
    const accepted = await fetch(new URL(`/hooks/${trigger.id}`, server.url), {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...signedHeaders({ secret, id: "crash-1", body, at: new Date() }),
      },
      body,
    });
    expect(accepted.status).toBe(202);
    const { runId } = await accepted.json();
    await eventually(async () => expect((await runs())[0]?.status).toBe("running"), 30_000);
    await first.kill("SIGKILL");
    expect((await runs())[0]?.status).toBe("running");

    const second = await startWorker(workerEnv);
    cleanup.push(() => second.kill());
    const [run] = await eventually(async () => {
      const list = await runs();
      expect(list[0]).toMatchObject({ id: runId, status: "complete" });
      return list;
    }, 60_000);
    const messages = await client.messages.list(run?.conversationId ?? "");
    const reply = messages.find((message) => message.id === run?.messageId);
    expect(reply).toMatchObject({ status: "complete", content: "survived the crash" });
    expect(messages.filter((message) => message.role === "user")).toHaveLength(1);
  }, 120_000);
});

const fleet = await startFleet({ WORKER: "off" });
if ("skip" in fleet) {
  console.log(`automation fleet tests skipped: ${fleet.skip}`);
  describe.skip(`schedules across two instances and two workers (skipped: ${fleet.skip})`, () => {});
} else {
  describe("schedules across two instances and two workers over Postgres", () => {
    const stops: Array<() => Promise<unknown>> = [];
    afterAll(async () => {
      for (const stop of stops.reverse()) await stop();
      await fleet.stop();
    });

    it("run each tick of a schedule trigger once", async () => {
      for (const _ of [1, 2]) {
        const dataDir = await mkdtemp(join(tmpdir(), "slipstream-worker-"));
        const worker = await startWorker({ ...fleet.env, DATA_DIR: dataDir });
        stops.push(async () => {
          await worker.kill();
          await rm(dataDir, { recursive: true, force: true });
        });
      }
      const { onA, onB } = await sameUserOn(fleet.a.url, fleet.b.url);
      const created = await onA.transport.raw("/api/triggers", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          name: "Every minute",
          kind: "schedule",
          schedule: "* * * * *",
          prompt: "[[reply:tick]] tick",
          model: FAKE_MODEL,
        }),
      });
      expect(created.status).toBe(201);
      const { trigger } = await created.json();

      // Up to two minutes: two ticks of a 5-field cron, each run by one of two workers.
      const runs: Run[] = await eventually(async () => {
        const list: Run[] = (await (await onB.transport.raw(`/api/triggers/${trigger.id}/runs`)).json()).runs;
        expect(list.length).toBeGreaterThanOrEqual(2);
        expect(list.every((run) => run.status === "complete")).toBe(true);
        return list;
      }, 150_000);
      const minutes = new Set(runs.map((run) => run.createdAt.slice(0, 16)));
      expect(minutes.size).toBe(runs.length);
      const conversations = await onA.conversations.list();
      expect(conversations).toHaveLength(runs.length);
      for (const conversation of conversations) {
        expect((await onA.messages.list(conversation.id)).map((message) => message.content)).toEqual([
          "[[reply:tick]] tick",
          "tick",
        ]);
      }
    }, 200_000);
  });
}
