import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { AdminMcpResponse } from "@slipstream/protocol";
import { type FSWatcher, watch } from "chokidar";
import type { ToolRegistry } from "../tools/registry.ts";
import { type McpServerSettings, parseMcpConfig } from "./mcp-config.ts";
import { createMcpServer, type McpServer, type McpServerOptions } from "./mcp-server.ts";

/** Editors write a file in several steps; one reload after they settle. */
const RELOAD_DEBOUNCE_MS = 100;

export type McpServersOptions = Omit<McpServerOptions, "settings"> & {
  /** MCP_CONFIG; undefined: no MCP servers. */
  configPath?: string;
  registry: ToolRegistry;
};

/**
 * The MCP servers of MCP_CONFIG, each registered as a tool source, and the file watched: a server added, changed or
 * removed there is started, restarted or stopped; the others keep their connections. A file that stops parsing
 * leaves the running servers as they are and says why in `describe()`.
 */
export function createMcpServers({ configPath, registry, ...serverOptions }: McpServersOptions) {
  const path = configPath === undefined ? undefined : resolve(configPath);
  const running = new Map<string, { fingerprint: string; server: McpServer; unregister: () => void }>();
  let configError: string | null = null;
  let watcher: FSWatcher | undefined;
  let debounce: NodeJS.Timeout | undefined;
  let closed = false;
  const { logger } = serverOptions;

  function stop(name: string) {
    const entry = running.get(name);
    if (!entry) return;
    entry.unregister();
    running.delete(name);
    void entry.server.close();
  }

  async function apply(servers: McpServerSettings[]) {
    const wanted = new Map(servers.map((settings) => [settings.name, settings]));
    for (const [name, entry] of running) {
      const settings = wanted.get(name);
      if (!settings || JSON.stringify(settings) !== entry.fingerprint) stop(name);
    }
    const connecting: Promise<void>[] = [];
    for (const settings of servers) {
      if (running.has(settings.name)) continue;
      const server = createMcpServer({ ...serverOptions, settings });
      running.set(settings.name, {
        fingerprint: JSON.stringify(settings),
        server,
        unregister: registry.register(server),
      });
      connecting.push(server.connect());
    }
    await Promise.all(connecting);
  }

  /** Reads MCP_CONFIG again and applies it; resolves once new servers answered or failed. */
  async function reload(): Promise<void> {
    if (!path || closed) return;
    let servers: McpServerSettings[];
    try {
      servers = parseMcpConfig(await readFile(path, "utf8"));
      configError = null;
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
      configError = missing ? `${path} does not exist` : (error as Error).message;
      logger.error({ path, reason: configError }, "MCP_CONFIG not loaded; the servers it loaded before keep running");
      if (missing) await apply([]);
      return;
    }
    await apply(servers);
  }

  return {
    reload,
    /** Loads MCP_CONFIG and watches it; resolves once every server answered or failed. */
    async start(): Promise<void> {
      if (!path) return;
      watcher = watch(dirname(path), { depth: 0, ignoreInitial: true });
      watcher.on("all", (_event, changed) => {
        if (resolve(changed) !== path) return;
        clearTimeout(debounce);
        debounce = setTimeout(() => void reload(), RELOAD_DEBOUNCE_MS);
      });
      watcher.on("error", (error) => logger.error({ err: error, path }, "watching MCP_CONFIG failed"));
      await reload();
    },
    describe(): AdminMcpResponse {
      return {
        config: { path: path ?? null, error: configError },
        servers: [...running.values()].map(({ server }) => server.describe()),
      };
    },
    async close() {
      closed = true;
      clearTimeout(debounce);
      await watcher?.close();
      const names = [...running.keys()];
      const closing = names.map((name) => running.get(name)?.server.close());
      for (const name of names) running.get(name)?.unregister();
      running.clear();
      await Promise.all(closing);
    },
  };
}
export type McpServers = ReturnType<typeof createMcpServers>;
