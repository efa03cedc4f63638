import { type ChildProcess, spawn } from "node:child_process";
import type { ChildMessage, ParentRequest } from "./agent.ts";
import { onCleanup, trackChild } from "./cleanup.ts";

export type ProcessStats = { cpuMs: number; rssBytes: number; heapUsedBytes: number };

export type Child = {
  name: string;
  pid: number;
  url: string;
  /** CPU time and memory as the child itself reports them; `gc` collects garbage first. */
  stats(options?: { gc?: boolean }): Promise<ProcessStats>;
  stop(): Promise<void>;
};

const STOP_GRACE_MS = 10_000;
const READY_TIMEOUT_MS = 60_000;

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });

/**
 * Runs a bench entry (a .ts file that calls `serveParent`) in its own Node process, so that its CPU time is its
 * own, and resolves once it listens. It is stopped with SIGTERM (SIGKILL after a grace period) at cleanup.
 */
export async function startChild({
  name,
  entry,
  env = {},
  execArgv = [],
}: {
  name: string;
  entry: string;
  env?: Record<string, string>;
  execArgv?: string[];
}): Promise<Child> {
  const child = spawn(process.execPath, ["--expose-gc", ...execArgv, entry], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  trackChild(child);
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const pending = new Map<number, (message: Extract<ChildMessage, { type: "stats" }>) => void>();
  let nextId = 0;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${stderr}`)), READY_TIMEOUT_MS);
    child.on("message", (message: ChildMessage) => {
      if (message.type === "ready") {
        clearTimeout(timer);
        resolve(message.url);
      } else pending.get(message.id)?.(message);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before listening:\n${stderr}`));
    });
  });

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
      await exited(child);
      clearTimeout(timer);
    })();
    return stopped;
  };
  onCleanup(name, stop);

  return {
    name,
    pid: child.pid ?? 0,
    url,
    stats: ({ gc = false } = {}) =>
      new Promise((resolve, reject) => {
        if (!child.connected) return reject(new Error(`${name} is not running:\n${stderr}`));
        const id = nextId++;
        pending.set(id, (message) => {
          pending.delete(id);
          resolve({
            cpuMs: (message.cpu.user + message.cpu.system) / 1000,
            rssBytes: message.memory.rss,
            heapUsedBytes: message.memory.heapUsed,
          });
        });
        child.send({ type: "stats", id, gc } satisfies ParentRequest);
      }),
    stop,
  };
}
