import { registerHooks } from "node:module";
import { parentPort, workerData } from "node:worker_threads";
import type { PluginDefinition } from "@slipstream/plugin-sdk";
import type { HostMessage, PluginWorkerData, WorkerMessage } from "./plugin-messages.ts";

/**
 * One plugin's thread: imports its module, then runs its tools and event handler on the host's requests. A
 * plugin that loops or exhausts its memory takes only this thread down; the host terminates it to unload it.
 */
const { entryUrl, sdkUrl } = workerData as PluginWorkerData;
const port = parentPort;
if (!port) throw new Error("plugin-worker.ts runs as a worker thread");
const send = (message: WorkerMessage) => port.postMessage(message);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

// A plugin's folder is exported outside any node_modules tree, so the SDK it imports is pointed at here.
registerHooks({
  resolve: (specifier, context, next) =>
    specifier === "@slipstream/plugin-sdk" ? { url: sdkUrl, shortCircuit: true } : next(specifier, context),
});

const running = new Map<number, AbortController>();

async function load(): Promise<PluginDefinition> {
  const loaded = (await import(entryUrl)) as { default?: PluginDefinition };
  const plugin = loaded.default;
  if (!plugin || typeof plugin !== "object") throw new Error("the module has no default export of definePlugin(…)");
  return plugin;
}

try {
  const plugin = await load();
  const tools = plugin.tools ?? {};
  port.on("message", async (message: HostMessage) => {
    if (message.type === "abort") {
      running.get(message.id)?.abort();
      return;
    }
    if (message.type === "event") {
      try {
        await plugin.onEvent?.(message.event);
      } catch (error) {
        send({ type: "event-failed", message: messageOf(error) });
      }
      return;
    }
    const tool = tools[message.tool];
    const controller = new AbortController();
    running.set(message.id, controller);
    try {
      if (!tool) throw new Error(`the plugin has no tool ${message.tool}`);
      const output = await tool.execute(message.input as never, { ...message.context, signal: controller.signal });
      send({ type: "result", id: message.id, output: JSON.parse(JSON.stringify(output ?? null)) });
    } catch (error) {
      send({ type: "failed", id: message.id, message: messageOf(error) });
    } finally {
      running.delete(message.id);
    }
  });
  send({
    type: "loaded",
    tools: Object.entries(tools).map(([name, tool]) => ({
      name,
      description: String(tool.description ?? name),
      inputSchema: tool.inputSchema ?? { type: "object" },
    })),
    handlesEvents: typeof plugin.onEvent === "function",
  });
} catch (error) {
  send({ type: "load-failed", message: messageOf(error) });
}
