import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { PluginEvent } from "@slipstream/plugin-sdk";
import type { Logger } from "pino";
import type { ToolDescriptor, ToolProvider } from "../tools/types.ts";
import type { PluginManifest } from "./plugin-manifest.ts";
import type { HostMessage, PluginWorkerData, WorkerMessage } from "./plugin-messages.ts";

const WORKER_URL = new URL("./plugin-worker.ts", import.meta.url);
const SDK_URL = import.meta.resolve("@slipstream/plugin-sdk");
/** A retired version keeps its thread this long after its last call, for generations that started on it. */
const RETIRE_GRACE_MS = 30_000;

export type PluginLimits = { memoryMb: number; loadTimeoutMs: number; callTimeoutMs: number };

export type PluginInstanceOptions = {
  manifest: PluginManifest;
  /** The folder of this version's files. */
  dir: string;
  /** The workspace commit this version was read from (null: the files as they are). */
  commit: string | null;
  /** Identifies this version (the folder's tree id). */
  key: string;
  limits: PluginLimits;
  logger: Logger;
};

type Pending = { resolve(output: unknown): void; reject(error: Error): void; timer: NodeJS.Timeout };

/**
 * One version of one plugin, in a worker thread of its own with a memory limit. Its tools are a tool source; a
 * call that outlives PLUGIN_CALL_TIMEOUT_MS, a crash, or running out of memory terminates the thread (the only way
 * to stop a loop) and marks the version `error`, failing its calls at once. Nothing outside the thread notices.
 */
export function createPluginInstance({ manifest, dir, commit, key, limits, logger }: PluginInstanceOptions) {
  const source = `plugin:${manifest.name}` as const;
  let state: "loading" | "loaded" | "error" = "loading";
  let error: string | null = null;
  let tools: (ToolDescriptor & { pluginTool: string })[] = [];
  let handlesEvents = false;
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  let retireTimer: NodeJS.Timeout | undefined;
  let retired = false;

  function stop(reason: string | null) {
    if (reason !== null && state !== "error") {
      state = "error";
      error = reason;
      logger.warn({ plugin: manifest.name, reason }, "plugin stopped");
    }
    const stopping = worker;
    worker = undefined;
    void stopping?.terminate();
    for (const call of pending.values()) {
      clearTimeout(call.timer);
      call.reject(new Error(`The plugin ${manifest.name} stopped: ${error ?? "it was unloaded"}.`));
    }
    pending.clear();
  }

  function retireWhenIdle() {
    clearTimeout(retireTimer);
    if (retired && pending.size === 0) retireTimer = setTimeout(() => stop(null), RETIRE_GRACE_MS).unref();
  }

  function onMessage(message: WorkerMessage) {
    if (message.type === "result" || message.type === "failed") {
      const call = pending.get(message.id);
      if (!call) return;
      pending.delete(message.id);
      clearTimeout(call.timer);
      if (message.type === "result") call.resolve(message.output);
      else call.reject(new Error(message.message));
      retireWhenIdle();
    } else if (message.type === "event-failed") {
      logger.warn({ plugin: manifest.name, reason: message.message }, "a plugin's event handler failed");
    }
  }

  const provider: ToolProvider = {
    source,
    list: async () => (state === "loaded" ? tools : []),
    execute({ tool, input, context }) {
      const running = worker;
      if (state !== "loaded" || !running) {
        return Promise.reject(new Error(`The plugin ${manifest.name} is unavailable (${error ?? "unloaded"}).`));
      }
      const pluginTool = tools.find((known) => known.id === tool.id)?.pluginTool ?? tool.name;
      const id = nextId++;
      clearTimeout(retireTimer);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => stop(`a call to ${pluginTool} took longer than ${limits.callTimeoutMs} ms`),
          limits.callTimeoutMs,
        );
        pending.set(id, { resolve, reject, timer });
        context.signal.addEventListener(
          "abort",
          () => running.postMessage({ type: "abort", id } satisfies HostMessage),
          {
            once: true,
          },
        );
        const { principal, conversationId, toolCallId } = context;
        running.postMessage({
          type: "call",
          id,
          tool: pluginTool,
          input,
          context: { userId: principal.userId, conversationId, toolCallId },
        } satisfies HostMessage);
      }).then((output) => withPluginName(output, manifest.name, key));
    },
    status: () => ({ state: state === "loading" ? "connecting" : state === "loaded" ? "ready" : "error", error }),
  };

  return {
    manifest,
    commit,
    key,
    dir,
    provider,
    get state() {
      return state;
    },
    get error() {
      return error;
    },
    /** Whether its thread is gone (unloaded, retired and idle, or failed). */
    get stopped() {
      return worker === undefined;
    },
    tools: () => tools,
    /** Starts the thread and imports the module; resolves once it is `loaded` or `error`. */
    load(): Promise<void> {
      return new Promise((resolve) => {
        const data: PluginWorkerData = { entryUrl: pathToFileURL(join(dir, manifest.main)).href, sdkUrl: SDK_URL };
        const started = new Worker(WORKER_URL, {
          workerData: data,
          // The server's environment (database URL, keys) is not the plugin's business.
          env: {},
          resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: 16 },
          stdout: true,
          stderr: true,
        });
        worker = started;
        started.unref();
        for (const stream of [started.stdout, started.stderr]) {
          stream.on("data", (chunk: Buffer) =>
            logger.debug({ plugin: manifest.name, output: chunk.toString("utf8").slice(0, 2000) }, "plugin output"),
          );
        }
        const timer = setTimeout(() => {
          stop(`did not load within ${limits.loadTimeoutMs} ms`);
          resolve();
        }, limits.loadTimeoutMs);
        started.on("message", (message: WorkerMessage) => {
          if (message.type === "loaded") {
            clearTimeout(timer);
            tools = message.tools.map((tool) => ({
              id: `plugin:${manifest.name}:${tool.name}`,
              name: `${manifest.name}__${tool.name}`.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 64),
              description: tool.description,
              source,
              inputSchema: { type: "object", ...tool.inputSchema } as ToolDescriptor["inputSchema"],
              pluginTool: tool.name,
            }));
            handlesEvents = message.handlesEvents;
            state = "loaded";
            resolve();
          } else if (message.type === "load-failed") {
            clearTimeout(timer);
            stop(`failed to load: ${message.message}`);
            resolve();
          } else onMessage(message);
        });
        started.on("error", (cause) => {
          clearTimeout(timer);
          const code = (cause as NodeJS.ErrnoException).code;
          stop(code === "ERR_WORKER_OUT_OF_MEMORY" ? `ran out of its ${limits.memoryMb} MB of memory` : String(cause));
          resolve();
        });
        started.on("exit", (exitCode) => {
          clearTimeout(timer);
          if (worker === started) stop(`its thread exited (code ${exitCode})`);
          resolve();
        });
      });
    },
    deliver(event: PluginEvent) {
      if (state === "loaded" && handlesEvents) worker?.postMessage({ type: "event", event } satisfies HostMessage);
    },
    /** A newer version took over: this one finishes the calls it has (and those of turns begun on it), then stops. */
    retire() {
      retired = true;
      retireWhenIdle();
    },
    /** Stops at once. */
    terminate: () => stop(null),
  };
}
export type PluginInstance = ReturnType<typeof createPluginInstance>;

/** A tool output `{ui: {component, props}}` names its plugin, so that the web loads that plugin's UI module. */
function withPluginName(output: unknown, plugin: string, version: string): unknown {
  if (!output || typeof output !== "object" || !("ui" in output)) return output;
  const ui = (output as { ui: unknown }).ui;
  if (!ui || typeof ui !== "object") return output;
  return { ...output, ui: { ...ui, plugin, version } };
}
