import { parentPort, workerData } from "node:worker_threads";
import variantExport from "@jitl/quickjs-ng-wasmfile-release-sync";
import { newQuickJSWASMModuleFromVariant, newVariant, type QuickJSSyncVariant } from "quickjs-emscripten-core";
import { type GuestLimits, runGuest } from "./quickjs-guest.ts";

/** WebAssembly pages are 64 KiB; the QuickJS build needs 16 MiB to start. */
const PAGE_BYTES = 64 * 1024;
const INITIAL_PAGES = 256;

export type WorkerJob = { id: number; code: string };
export type WorkerData = GuestLimits;

// The package's types describe its CommonJS build; Node loads its ES module, whose default export is the variant.
const variant = variantExport as unknown as QuickJSSyncVariant;
const limits = workerData as WorkerData;
const port = parentPort;
if (!port) throw new Error("quickjs-worker.ts runs as a worker thread");

// The whole WebAssembly memory is capped, not only QuickJS's own count: this build cannot measure what it
// allocates (no malloc_usable_size), so its memory limit alone lets many small allocations through.
const memory = new WebAssembly.Memory({
  initial: INITIAL_PAGES,
  maximum: Math.max(INITIAL_PAGES, Math.floor(limits.memoryBytes / PAGE_BYTES)),
});
const module = await newQuickJSWASMModuleFromVariant(newVariant(variant, { wasmMemory: memory }));

port.on("message", ({ id, code }: WorkerJob) => {
  try {
    port.postMessage({ id, result: runGuest(module, code, limits) });
  } catch (error) {
    // The host side of the guest failed (its stack overflowed in WebAssembly, say): this module may be broken,
    // so the worker goes and the pool starts a fresh one.
    port.postMessage({ id, failure: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
});
port.postMessage({ ready: true });
