import { spawn } from "node:child_process";

const MAIN = new URL("../src/main.ts", import.meta.url).pathname;

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
  await Promise.race([
    run.ready,
    run.exited.then((code) => {
      throw new Error(`the server exited with ${code} before listening:\n${run.output()}`);
    }),
  ]);
  const url = /listening on (http:\/\/[^\s"]+)/.exec(run.output())?.[1] ?? "";
  return { ...run, url };
}
