import { spawn } from "node:child_process";
import { DatabaseSync } from "node:sqlite";
import { afterAll, describe, expect, it } from "vitest";
import { startFakeProvider } from "./fake-provider/index.ts";
import { startInstance, waitForListening } from "./server-process.ts";
import { collect, eventually, FAKE_MODEL, signedInClient } from "./support.ts";

const WORKER_MAIN = new URL("../../worker/src/main.ts", import.meta.url).pathname;

describe("WORKER=off and npm run worker", () => {
  const cleanup: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it("leave the jobs to the worker process, which runs them, reports health and metrics, and drains on SIGTERM", async () => {
    const fake = await startFakeProvider();
    cleanup.push(() => fake.close());
    const env = { OPENAI_COMPATIBLE_BASE_URL: `${fake.url}/v1`, TITLE_MODEL: "", WORKER: "off" };
    const server = await startInstance(env);
    cleanup.push(() => server.stop());

    const { client } = await signedInClient(server.url);
    const conversation = await client.conversations.create({ model: FAKE_MODEL });
    const sent = await client.messages.send(conversation.id, { content: "[[reply:Worker titles]] go" });
    await collect(client.streams.read(sent.streamId));
    const titleJobs = () =>
      new DatabaseSync(`${server.dataDir}/slipstream.db`, { readOnly: true })
        .prepare("select state from jobs where name = 'conversation.title'")
        .all()
        .map((row) => row.state);
    expect(titleJobs()).toEqual(["queued"]);

    const worker = spawn(process.execPath, [WORKER_MAIN], {
      env: { PATH: process.env.PATH ?? "", ...env, DATA_DIR: server.dataDir, WORKER_PORT: "0", LOG_LEVEL: "info" },
      stdio: "pipe",
    });
    const exited = new Promise<number | null>((resolve) => worker.on("exit", (code) => resolve(code)));
    cleanup.push(async () => {
      if (worker.exitCode === null) worker.kill("SIGKILL");
      await exited;
    });
    const address = await waitForListening(worker, /health on (http:\/\/[^\s"]+)/);

    await eventually(async () => expect((await client.conversations.get(conversation.id)).title).toBe("Worker titles"));
    expect(titleJobs()).toEqual(["completed"]);
    expect((await fetch(`${address}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${address}/metrics`)).text();
    expect(metrics).toMatch(/slipstream_job_runs_total\{name="conversation.title",outcome="completed"\} 1/);

    worker.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});
