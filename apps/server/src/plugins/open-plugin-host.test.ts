import { mkdtemp, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { createGitWorkspace, pluginFiles } from "../../test/plugins/git-workspace.ts";
import { eventually, removeDir } from "../../test/support.ts";
import { createMemoryBus } from "../bus/memory.ts";
import { createToolRegistry } from "../tools/registry.ts";
import { type OpenPluginHost, openPluginHost } from "./open-plugin-host.ts";

const hello = `
import { definePlugin } from "@slipstream/plugin-sdk";
export default definePlugin({ tools: { hello: { description: "Says hello", inputSchema: { type: "object" }, execute: () => "hello" } } });`;

let dataDir: string;
let host: OpenPluginHost | undefined;

afterEach(async () => {
  await host?.close();
  await removeDir(dataDir);
});

describe("the plugin host of the configuration", () => {
  it("makes a missing PLUGINS_DIR at start, and loads a plugin committed to it later", async () => {
    dataDir = await mkdtemp(join(tmpdir(), "slipstream-open-plugins-"));
    const dir = join(dataDir, "plugins");
    host = openPluginHost({
      config: {
        dir,
        reload: "commit",
        cacheDir: join(dataDir, "plugin-versions"),
        loadTimeoutMs: 5_000,
        callTimeoutMs: 2_000,
        memoryMb: 32,
      },
      registry: createToolRegistry(),
      bus: createMemoryBus(),
      logger: pino({ level: "silent" }),
    });
    await host.start();
    expect((await stat(dir)).isDirectory()).toBe(true);

    const workspace = await createGitWorkspace(dir);
    await workspace.write(pluginFiles("hello", hello));
    await workspace.commit();
    await eventually(() => expect(host?.describe().plugins.map((plugin) => plugin.status)).toEqual(["loaded"]));
  });
});
