import { readFile } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import type { PluginEvent } from "@slipstream/plugin-sdk";
import type { PluginStatus } from "@slipstream/protocol";
import { type FSWatcher, watch } from "chokidar";
import type { Logger } from "pino";
import type { ToolRegistry } from "../tools/registry.ts";
import { createPluginInstance, type PluginInstance, type PluginLimits } from "./plugin-instance.ts";
import { parsePluginManifest } from "./plugin-manifest.ts";
import type { PluginFolder, PluginWorkspace } from "./plugin-workspace.ts";

/** Git writes a commit as several files; one scan once they settle. */
const RESCAN_DEBOUNCE_MS = 50;

type Loaded = { key: string; instance: PluginInstance; unregister: () => void };
type Broken = { key: string; folder: string; error: string; commit: string | null };

export type PluginHostOptions = {
  workspace: PluginWorkspace;
  /** What to watch for changes (PLUGINS_DIR's `.git`, or its files); undefined: load once, never reload. */
  watchPath?: string;
  registry: ToolRegistry;
  limits: PluginLimits;
  logger: Logger;
};

/**
 * The plugins of PLUGINS_DIR: each version loaded in its own worker and registered as a tool source, and the
 * workspace watched. A change reloads only the folders it touched: the new version loads beside the old one, takes
 * its place in the registry once loaded, and the old one finishes the calls of turns that began on it.
 */
export function createPluginHost({ workspace, watchPath, registry, limits, logger }: PluginHostOptions) {
  const loaded = new Map<string, Loaded>();
  const broken = new Map<string, Broken>();
  /** Versions a newer one replaced, still finishing calls; stopped with the host. */
  const retired = new Set<PluginInstance>();
  let workspaceError: string | null = null;
  let watcher: FSWatcher | undefined;
  let debounce: NodeJS.Timeout | undefined;
  let syncing: Promise<void> | undefined;
  let again = false;
  let closed = false;

  function unload(folder: string) {
    const entry = loaded.get(folder);
    if (!entry) return;
    entry.unregister();
    entry.instance.retire();
    for (const old of retired) if (old.stopped) retired.delete(old);
    retired.add(entry.instance);
    loaded.delete(folder);
  }

  async function loadVersion(plugin: PluginFolder, commit: string | null) {
    let instance: PluginInstance;
    try {
      const dir = await workspace.materialize(plugin);
      const manifest = parsePluginManifest(await readFile(join(dir, "plugin.json"), "utf8"));
      instance = createPluginInstance({ manifest, dir, commit, key: plugin.key, limits, logger });
    } catch (error) {
      unload(plugin.folder);
      broken.set(plugin.folder, { ...plugin, commit, error: (error as Error).message });
      return;
    }
    await instance.load();
    if (closed) return instance.terminate();
    broken.delete(plugin.folder);
    unload(plugin.folder);
    // A version that failed to load stays listed with its error, but offers no tools.
    loaded.set(plugin.folder, { key: plugin.key, instance, unregister: registry.register(instance.provider) });
    logger.info({ plugin: instance.manifest.name, commit, state: instance.state }, "plugin version loaded");
  }

  async function syncOnce() {
    const scan = await workspace.scan();
    workspaceError = null;
    const present = new Set(scan.plugins.map(({ folder }) => folder));
    for (const folder of [...loaded.keys()]) if (!present.has(folder)) unload(folder);
    for (const folder of [...broken.keys()]) if (!present.has(folder)) broken.delete(folder);
    const changed = scan.plugins.filter(
      (plugin) => loaded.get(plugin.folder)?.key !== plugin.key && broken.get(plugin.folder)?.key !== plugin.key,
    );
    await Promise.all(changed.map((plugin) => loadVersion(plugin, scan.commit)));
  }

  /** Brings the loaded plugins in line with the workspace; concurrent asks coalesce into one more pass. */
  function sync(): Promise<void> {
    if (syncing) {
      again = true;
      return syncing;
    }
    syncing = (async () => {
      do {
        again = false;
        try {
          await syncOnce();
        } catch (error) {
          workspaceError = (error as Error).message;
          logger.error({ err: error }, "reading the plugin workspace failed; the loaded plugins keep running");
        }
      } while (again && !closed);
    })().finally(() => {
      syncing = undefined;
    });
    return syncing;
  }

  return {
    sync,
    /** Loads the workspace's plugins, then watches it. */
    async start() {
      await sync();
      if (!watchPath || closed) return;
      watcher = watch(watchPath, {
        ignoreInitial: true,
        ignored: (path) => path.includes("/objects/") || path.includes("/node_modules/"),
      });
      watcher.on("all", () => {
        clearTimeout(debounce);
        debounce = setTimeout(() => void sync(), RESCAN_DEBOUNCE_MS);
      });
      watcher.on("error", (error) => logger.error({ err: error }, "watching the plugin workspace failed"));
    },
    /** Every plugin folder with its version, commit, state and error, by name. */
    describe(): { error: string | null; plugins: PluginStatus[] } {
      const plugins: PluginStatus[] = [...loaded.values()].map(({ instance }) => ({
        name: instance.manifest.name,
        version: instance.manifest.version,
        commit: instance.commit,
        status: instance.state === "loaded" ? "loaded" : "error",
        error: instance.error,
        ui: instance.manifest.ui !== undefined,
        tools: instance.tools().map(({ id, name, description, source }) => ({ id, name, description, source })),
      }));
      for (const entry of broken.values()) {
        plugins.push({
          name: entry.folder,
          version: null,
          commit: entry.commit,
          status: "error",
          error: entry.error,
          ui: false,
          tools: [],
        });
      }
      return { error: workspaceError, plugins: plugins.sort((a, b) => a.name.localeCompare(b.name)) };
    },
    /**
     * A file of the loaded version of the plugin named `name`, for its UI module: `path` inside its folder, or its
     * `ui` entry when `path` is empty. Undefined for an unknown plugin, one without a UI, or a path outside it.
     */
    uiFile({ name, path }: { name: string; path: string }): string | undefined {
      const instance = [...loaded.values()].find((entry) => entry.instance.manifest.name === name)?.instance;
      if (instance?.state !== "loaded" || instance.manifest.ui === undefined) return undefined;
      const root = resolve(instance.dir);
      const file = resolve(root, path === "" ? instance.manifest.ui : path);
      return file.startsWith(root + sep) &&
        !relative(root, file)
          .split(sep)
          .some((part) => part.startsWith("."))
        ? file
        : undefined;
    },
    /** Hands a domain event to every loaded plugin with an event handler. */
    deliver(event: PluginEvent) {
      for (const { instance } of loaded.values()) instance.deliver(event);
    },
    async close() {
      closed = true;
      clearTimeout(debounce);
      await watcher?.close();
      await syncing;
      for (const { instance, unregister } of loaded.values()) {
        unregister();
        instance.terminate();
      }
      loaded.clear();
      for (const instance of retired) instance.terminate();
      retired.clear();
    },
  };
}
export type PluginHost = ReturnType<typeof createPluginHost>;
