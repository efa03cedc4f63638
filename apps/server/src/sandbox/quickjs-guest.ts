import type { QuickJSContext, QuickJSHandle, QuickJSWASMModule } from "quickjs-emscripten-core";
import { shouldInterruptAfterDeadline } from "quickjs-emscripten-core";
import { clip, OUTPUT_LIMIT_CHARS, type RunResult } from "./types.ts";

export type GuestLimits = { timeoutMs: number; memoryBytes: number; stackBytes: number };

/**
 * The guest's console and the formatter of its result, written in the guest's own JavaScript so that
 * formatting a huge value costs the guest's memory and time, never the host's. The console keeps what is
 * printed in the guest (crossing to the host per line costs more than printing), up to the output limit.
 */
const PRELUDE = `(() => {
  const limit = ${OUTPUT_LIMIT_CHARS};
  let printed = "";
  const format = (value) => {
    if (typeof value === "string") return value;
    if (value instanceof Error) return String(value);
    try { return JSON.stringify(value) ?? String(value); } catch { return String(value); }
  };
  const log = (...values) => {
    if (printed.length <= limit) printed += values.map(format).join(" ") + "\\n";
  };
  globalThis.console = { log, info: log, warn: log, error: log, debug: log };
  return { format, printed: () => printed };
})()`;

/** What is left to finish a run after the guest's deadline: reading what it printed. */
const READ_OUTPUT_MS = 100;

/** Describes a guest exception (an Error's name and message, or the thrown value). */
function describeError(context: QuickJSContext, handle: QuickJSHandle): string {
  const dumped = context.dump(handle) as unknown;
  if (dumped && typeof dumped === "object" && "message" in dumped) {
    const { name, message } = dumped as { name?: unknown; message?: unknown };
    if (name === "InternalError" && message === "interrupted") return "interrupted";
    return `${String(name ?? "Error")}: ${String(message)}`;
  }
  return `Uncaught ${typeof dumped === "string" ? dumped : JSON.stringify(dumped)}`;
}

/** Settles a promise the code returned, running the guest's pending jobs; a promise nothing can settle stays pending. */
function settle(context: QuickJSContext, promise: QuickJSHandle): { value?: QuickJSHandle; error?: QuickJSHandle } {
  try {
    for (;;) {
      const state = context.getPromiseState(promise);
      // A value that is no promise comes back as its own handle, which the `finally` disposes of: keep a copy.
      if (state.type === "fulfilled") return { value: state.notAPromise ? promise.dup() : state.value };
      if (state.type === "rejected") return { error: state.error };
      const jobs = context.runtime.executePendingJobs();
      if (jobs.error) return { error: jobs.error };
      if (jobs.value === 0) return {};
    }
  } finally {
    promise.dispose();
  }
}

/** What the guest printed; the guest's code cannot change what this runs (only string concatenation). */
function readPrinted(context: QuickJSContext, helpers: QuickJSHandle): string {
  context.runtime.setInterruptHandler(shouldInterruptAfterDeadline(Date.now() + READ_OUTPUT_MS));
  const printed = context.getProp(helpers, "printed");
  const text = context.callFunction(printed, context.undefined);
  printed.dispose();
  if (text.error) {
    text.error.dispose();
    return "";
  }
  const output = context.typeof(text.value) === "string" ? context.getString(text.value) : "";
  text.value.dispose();
  return clip(output);
}

/** Runs `code` in a fresh QuickJS runtime and context of `module`, within `limits`, and disposes of both. */
export function runGuest(module: QuickJSWASMModule, code: string, limits: GuestLimits): RunResult {
  const started = performance.now();
  const runtime = module.newRuntime();
  runtime.setMemoryLimit(limits.memoryBytes);
  runtime.setMaxStackSize(limits.stackBytes);
  runtime.setInterruptHandler(shouldInterruptAfterDeadline(Date.now() + limits.timeoutMs));
  const context = runtime.newContext();
  try {
    const helpers = context.unwrapResult(context.evalCode(PRELUDE, "prelude.js"));
    const format = context.getProp(helpers, "format");
    const finish = (fields: Partial<RunResult>): RunResult => ({
      ok: fields.error === undefined,
      ...fields,
      output: readPrinted(context, helpers),
      durationMs: performance.now() - started,
    });
    try {
      const evaluated = context.evalCode(code, "main.js");
      const { value, error } = evaluated.error ? { error: evaluated.error } : settle(context, evaluated.value);
      if (error) {
        const text = describeError(context, error);
        error.dispose();
        return finish({ error: text === "interrupted" ? `Timed out after ${limits.timeoutMs} ms.` : text });
      }
      if (!value) return finish({ error: "The code's promise never settled." });
      const isUndefined = context.typeof(value) === "undefined";
      const formatted = isUndefined ? undefined : context.callFunction(format, context.undefined, value);
      value.dispose();
      if (!formatted) return finish({});
      if (formatted.error) {
        formatted.error.dispose();
        return finish({ error: "The result could not be shown." });
      }
      const result = clip(context.getString(formatted.value));
      formatted.value.dispose();
      return finish({ result });
    } finally {
      format.dispose();
      helpers.dispose();
    }
  } finally {
    context.dispose();
    runtime.dispose();
  }
}
