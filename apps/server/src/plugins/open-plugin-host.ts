import { mkdir } from "node:fs/promises";
import type { Logger } from "pino";
import type { Bus } from "../bus/index.ts";
import { oncePerEvent } from "../chat/conversation-feed.ts";
import type { Config } from "../config.ts";
import type { ToolRegistry } from "../tools/registry.ts";
import { createPluginHost } from "./plugin-host.ts";
import { createCommittedWorkspace, createFilesWorkspace } from "./plugin-workspace.ts";

/** The plugin host of the configuration, fed every domain event this instance receives. */
export function openPluginHost({
  config,
  registry,
  bus,
  logger,
}: {
  config: Config["plugins"];
  registry: ToolRegistry;
  bus: Bus;
  logger: Logger;
}) {
  const host = createPluginHost({
    workspace:
      config.reload === "files"
        ? createFilesWorkspace({ dir: config.dir })
        : createCommittedWorkspace({ dir: config.dir, cacheDir: config.cacheDir }),
    watchPath: { commit: `${config.dir}/.git`, files: config.dir, off: undefined }[config.reload],
    registry,
    limits: { memoryMb: config.memoryMb, loadTimeoutMs: config.loadTimeoutMs, callTimeoutMs: config.callTimeoutMs },
    logger,
  });
  const unsubscribe = bus.subscribe(
    "conversation.event",
    oncePerEvent(({ conversationId, version, event }) =>
      host.deliver({ type: event.type, conversationId, version, event: event as Record<string, unknown> }),
    ),
  );
  return {
    ...host,
    async start() {
      // chokidar watches the nearest folder that exists above a missing path: for the default PLUGINS_DIR that is
      // DATA_DIR, where SQLite's WAL changes at every commit, and each change cost a rescan (about 0.8 ms of CPU).
      if (config.reload !== "off") await mkdir(config.dir, { recursive: true });
      await host.start();
    },
    async close() {
      unsubscribe();
      await host.close();
    },
  };
}
export type OpenPluginHost = ReturnType<typeof openPluginHost>;
