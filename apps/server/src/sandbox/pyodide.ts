import { type ChildProcess, fork } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import type { SandboxConfig } from "../config.ts";
import { OUTPUT_LIMIT_CHARS, type RunResult, type SandboxRuntime } from "./types.ts";

/** Starting Pyodide takes seconds (and more on a busy machine): a guest's time limit starts once it has. */
const BOOT_TIMEOUT_MS = 120_000;
/** How often a running guest's resident memory is read. */
const MEMORY_POLL_MS = 50;
const GUEST_SCRIPT = fileURLToPath(new URL("./pyodide-guest.ts", import.meta.url));

type Child = { process: ChildProcess; ready: Promise<void> };
type GuestReply = { ready?: true; ok?: boolean; result?: string; error?: string; output?: string };

const failed = (error: string, startedAt: number, output = ""): RunResult => ({
  ok: false,
  error,
  output,
  durationMs: performance.now() - startedAt,
});

/** The resident size of a process in MiB, from Linux's /proc; undefined elsewhere or once it has exited. */
async function residentMb(pid: number): Promise<number | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    // Not Linux, or the process is gone: nothing to measure.
    return undefined;
  }
}

/**
 * Python in Pyodide, one child process per run, under Node's permission model (see `pyodide-guest.ts` for
 * what the child may do). A child is started ahead of the run that takes it, so a run waits for Pyodide to start
 * only when runs come faster than children boot; the child ends with its run, so no guest sees another's state.
 * Time is bounded by killing the child, memory by reading its resident size while it runs.
 */
export function createPyodideRuntime({ timeoutMs, pythonMemoryMb, workers }: SandboxConfig): SandboxRuntime {
  const pyodideDir = dirname(createRequire(import.meta.url).resolve("pyodide/package.json"));
  let warm: Child | undefined;
  let closed = false;
  const children = new Set<ChildProcess>();
  // At most `workers` guests at once, as for JavaScript: each child holds hundreds of megabytes.
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    running -= 1;
    waiting.shift()?.();
  };
  const acquire = async (signal: AbortSignal | undefined) => {
    while (running >= workers) {
      await new Promise<void>((resolve) => {
        waiting.push(resolve);
        signal?.addEventListener("abort", () => resolve(), { once: true });
      });
      if (signal?.aborted || closed) return false;
    }
    running += 1;
    return true;
  };

  function spawn(): Child {
    const child = fork(GUEST_SCRIPT, [pyodideDir, String(OUTPUT_LIMIT_CHARS)], {
      execArgv: [
        "--permission",
        `--allow-fs-read=${pyodideDir}`,
        `--allow-fs-read=${GUEST_SCRIPT}`,
        "--disallow-code-generation-from-strings",
        `--max-old-space-size=${Math.max(64, Math.floor(pythonMemoryMb / 2))}`,
      ],
      env: {},
      serialization: "json",
      stdio: ["ignore", "ignore", "ignore", "ipc"],
    });
    children.add(child);
    child.once("exit", () => children.delete(child));
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("Python did not start in time.")), BOOT_TIMEOUT_MS);
      child.once("message", () => {
        clearTimeout(timer);
        resolve();
      });
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`Python could not start (exit ${code ?? signal}).`));
      });
    });
    // A rejection nobody awaits yet (a warm child that failed) must not become an unhandled one.
    ready.catch(() => undefined);
    child.unref();
    child.channel?.unref();
    return { process: child, ready };
  }

  function take(): Child {
    const child = warm ?? spawn();
    warm = undefined;
    return child;
  }

  async function runIn(child: Child, code: string, signal: AbortSignal | undefined): Promise<RunResult> {
    const queuedAt = performance.now();
    try {
      await child.ready;
    } catch (error) {
      return failed(error instanceof Error ? error.message : String(error), queuedAt);
    }
    const startedAt = performance.now();
    const { process: guest } = child;
    guest.channel?.ref();
    return new Promise<RunResult>((resolve) => {
      let settled = false;
      const settle = (result: RunResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearInterval(watch);
        signal?.removeEventListener("abort", onAbort);
        guest.kill("SIGKILL");
        resolve(result);
      };
      const timer = setTimeout(() => settle(failed(`Timed out after ${timeoutMs} ms.`, startedAt)), timeoutMs);
      const watch = setInterval(() => {
        void residentMb(guest.pid ?? 0).then((mb) => {
          if (mb !== undefined && mb > pythonMemoryMb) {
            settle(failed(`Stopped at the memory limit (${pythonMemoryMb} MB).`, startedAt));
          }
        });
      }, MEMORY_POLL_MS);
      const onAbort = () => settle(failed("The run was cancelled.", startedAt));
      signal?.addEventListener("abort", onAbort, { once: true });
      guest.once("message", (reply: GuestReply) => {
        settle({
          ok: reply.ok === true,
          ...(reply.result === undefined ? {} : { result: reply.result }),
          ...(reply.error === undefined ? {} : { error: reply.error }),
          output: reply.output ?? "",
          durationMs: performance.now() - startedAt,
        });
      });
      guest.once("exit", (code, exitSignal) =>
        settle(failed(`Python stopped unexpectedly (exit ${code ?? exitSignal}).`, startedAt)),
      );
      guest.send({ code });
    });
  }

  return {
    language: "python",
    async run({ code, signal }) {
      const queuedAt = performance.now();
      if (closed) return failed("The sandbox is shut down.", queuedAt);
      if (!(await acquire(signal)))
        return failed(closed ? "The sandbox is shut down." : "The run was cancelled.", queuedAt);
      const child = take();
      try {
        return await runIn(child, code, signal);
      } finally {
        release();
        // The next run's child starts now, once this one's is done with the CPU.
        if (!closed && !warm) warm = spawn();
      }
    },
    async close() {
      closed = true;
      warm = undefined;
      for (const wake of waiting.splice(0)) wake();
      for (const child of children) child.kill("SIGKILL");
    },
  };
}
