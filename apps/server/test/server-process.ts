import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

// Not `new URL(…, import.meta.url)`: in a jsdom test, Vite rewrites that pattern into a web asset path.
const MAIN = join(import.meta.dirname, "../src/main.ts");
const START_TIMEOUT_MS = 20_000;

/** Runs the server entry point as `npm start` does and collects its output until it exits or `until` matches. */
export function runMain(env: Record<string, string>, until?: RegExp) {
  const child = spawn(process.execPath, [MAIN], { env: { PATH: process.env.PATH ?? "", ...env }, stdio: "pipe" });
  let output = "";
  const ready = new Promise<void>((resolve) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (until?.test(output)) resolve();
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, ready, exited, output: () => output };
}

/** Starts the server as its own process and resolves with its URL once it listens. */
export async function startMain(env: Record<string, string>) {
  const run = runMain({ PORT: "0", ...env }, /listening on http:\/\/[^\s"]+/);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    run.ready,
    run.exited.then((code) => {
      throw new Error(`the server exited with ${code} before listening:\n${run.output()}`);
    }),
    new Promise((_, reject) => {
      timer = setTimeout(() => {
        run.child.kill("SIGKILL");
        reject(new Error(`the server did not listen within ${START_TIMEOUT_MS} ms:\n${run.output()}`));
      }, START_TIMEOUT_MS);
    }),
  ]).finally(() => clearTimeout(timer));
  const url = /listening on (http:\/\/[^\s"]+)/.exec(run.output())?.[1] ?? "";
  return { ...run, url };
}

export type ServerProcess = Awaited<ReturnType<typeof startInstance>>;

/** One instance of a fleet: the server in its own process with its own fresh DATA_DIR. */
export async function startInstance(env: Record<string, string>) {
  const dataDir = await mkdtemp(join(tmpdir(), "slipstream-instance-"));
  const run = await startMain({ ...env, DATA_DIR: dataDir });
  return {
    ...run,
    dataDir,
    /** Stops it as an orchestrator would (SIGTERM), then removes its data. */
    async stop() {
      if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill("SIGTERM");
      await run.exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
