import { Worker } from "node:worker_threads";
import type { WorkerData, WorkerJob } from "./quickjs-worker.ts";
import type { RunResult, SandboxRuntime } from "./types.ts";

/** How long past its own deadline a guest may take before its worker is terminated (a guest stuck where QuickJS does not check its deadline). */
const HARD_STOP_GRACE_MS = 1_000;
/** Runs waiting for a worker beyond this many are refused rather than queued. */
const MAX_QUEUED = 256;

type Job = { code: string; resolve: (result: RunResult) => void; signal?: AbortSignal; queuedAt: number };
type Slot = { worker: Worker; ready: Promise<void>; job?: Job & { id: number } };
type WorkerReply = { ready?: true; id?: number; result?: RunResult; failure?: string };

const failed = (error: string, startedAt: number): RunResult => ({
  ok: false,
  error,
  output: "",
  durationMs: performance.now() - startedAt,
});

/**
 * JavaScript in QuickJS (quickjs-ng compiled to WebAssembly), in a pool of worker threads so that a guest never
 * holds up the event loop. Each run gets a fresh QuickJS runtime with memory, stack and time limits; a worker
 * whose guest outlives its deadline, or that is cancelled, is terminated and replaced on the next run.
 * Workers start on the first run, so a server that never runs code pays nothing.
 */
export function createQuickJsRuntime({
  timeoutMs,
  memoryMb,
  stackKb,
  workers,
}: {
  timeoutMs: number;
  memoryMb: number;
  stackKb: number;
  workers: number;
}): SandboxRuntime {
  const slots = new Set<Slot>();
  const queue: Job[] = [];
  let nextId = 1;
  let closed = false;
  const data: WorkerData = { timeoutMs, memoryBytes: memoryMb * 1024 * 1024, stackBytes: stackKb * 1024 };

  function spawn(): Slot {
    const worker = new Worker(new URL("./quickjs-worker.ts", import.meta.url), {
      workerData: data,
      // Nothing of the server's environment reaches the worker, even though the guest has no way to ask for it.
      env: {},
      // QuickJS's stack check counts its own frames; the thread's stack must be deeper, or the host overflows first.
      resourceLimits: { maxOldGenerationSizeMb: 64, stackSizeMb: Math.max(4, Math.ceil((stackKb * 8) / 1024)) },
    });
    worker.unref();
    let onReady: () => void = () => {};
    const ready = new Promise<void>((resolve) => {
      onReady = resolve;
    });
    const slot: Slot = { worker, ready };
    worker.on("message", (reply: WorkerReply) => {
      if (reply.ready) return onReady();
      const job = slot.job;
      if (!job || job.id !== reply.id) return;
      slot.job = undefined;
      job.resolve(reply.result ?? failed(`The sandbox failed: ${reply.failure ?? "no result"}.`, job.queuedAt));
      dispatch();
    });
    worker.on("error", () => void retire(slot, "The sandbox stopped unexpectedly."));
    worker.on("exit", () => void retire(slot, "The sandbox stopped unexpectedly."));
    slots.add(slot);
    return slot;
  }

  /** Takes a worker out of the pool, failing its job if it had one; resolves once the thread is gone. */
  async function retire(slot: Slot, reason: string) {
    if (!slots.delete(slot)) return;
    const job = slot.job;
    slot.job = undefined;
    const terminated = slot.worker.terminate();
    if (job) job.resolve(failed(reason, job.queuedAt));
    dispatch();
    await terminated;
  }

  function idleSlot(): Slot | undefined {
    for (const slot of slots) if (!slot.job) return slot;
    return slots.size < workers ? spawn() : undefined;
  }

  function dispatch() {
    while (queue.length > 0 && !closed) {
      const slot = idleSlot();
      if (!slot) return;
      const job = queue.shift() as Job;
      if (job.signal?.aborted) {
        job.resolve(failed("The run was cancelled.", job.queuedAt));
        continue;
      }
      start(slot, job);
    }
  }

  function start(slot: Slot, job: Job) {
    const id = nextId++;
    const running = { ...job, id };
    slot.job = running;
    const stop = (reason: string) => () => {
      if (slot.job === running) void retire(slot, reason);
    };
    const onAbort = stop("The run was cancelled.");
    job.signal?.addEventListener("abort", onAbort, { once: true });
    let timer: NodeJS.Timeout | undefined;
    const resolve = running.resolve;
    running.resolve = (result) => {
      clearTimeout(timer);
      job.signal?.removeEventListener("abort", onAbort);
      resolve(result);
    };
    void slot.ready.then(() => {
      if (slot.job !== running) return;
      // The guest's deadline starts in the worker; this one only catches a guest that ignores it.
      timer = setTimeout(stop(`Timed out after ${timeoutMs} ms.`), timeoutMs + HARD_STOP_GRACE_MS);
      slot.worker.postMessage({ id, code: job.code } satisfies WorkerJob);
    });
  }

  return {
    language: "javascript",
    run({ code, signal }) {
      const queuedAt = performance.now();
      if (closed) return Promise.resolve(failed("The sandbox is shut down.", queuedAt));
      if (queue.length >= MAX_QUEUED)
        return Promise.resolve(failed("The sandbox is busy; try again shortly.", queuedAt));
      return new Promise<RunResult>((resolve) => {
        queue.push({ code, resolve, signal, queuedAt });
        dispatch();
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.resolve(failed("The sandbox is shut down.", job.queuedAt));
      await Promise.all([...slots].map((slot) => retire(slot, "The sandbox is shut down.")));
    },
  };
}
