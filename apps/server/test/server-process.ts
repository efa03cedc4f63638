import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

// Not `new URL(…, import.meta.url)`: in a jsdom test, Vite rewrites that pattern into a web asset path.
const MAIN = join(import.meta.dirname, "../src/main.ts");
// Generous: a cold start on a busy 2-core machine (migrations, pg-boss, module loading) takes several seconds.
const START_TIMEOUT_MS = 60_000;

/** Runs the server entry point as `npm start` does and collects its output until it exits. */
export function runMain(env: Record<string, string>) {
  const child = spawn(process.execPath, [MAIN], { env: { PATH: process.env.PATH ?? "", ...env }, stdio: "pipe" });
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

/** Resolves with the first match of `pattern`'s group in the child's output, or fails when it exits or takes too long. */
export async function waitForListening(child: ChildProcess, pattern: RegExp): Promise<string> {
  let output = "";
  let timer: NodeJS.Timeout | undefined;
  return new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) resolve(match[1] ?? "");
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`the process exited with ${code} before listening:\n${output}`)));
    timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the process did not listen within ${START_TIMEOUT_MS} ms:\n${output}`));
    }, START_TIMEOUT_MS);
  }).finally(() => clearTimeout(timer));
}

/** Starts the server as its own process and resolves with its URL once it listens. */
export async function startMain(env: Record<string, string>) {
  const run = runMain({ PORT: "0", ...env });
  const url = await waitForListening(run.child, /listening on (http:\/\/[^\s"]+)/);
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
