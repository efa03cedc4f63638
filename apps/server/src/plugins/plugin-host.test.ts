import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { createGitWorkspace, pluginFiles } from "../../test/plugins/git-workspace.ts";
import { eventually, removeDir } from "../../test/support.ts";
import type { Principal } from "../identity/principal.ts";
import { createToolRegistry, type ToolRegistry } from "../tools/registry.ts";
import { createPluginHost, type PluginHost } from "./plugin-host.ts";
import { createCommittedWorkspace } from "./plugin-workspace.ts";

const LIMITS = { memoryMb: 32, loadTimeoutMs: 5_000, callTimeoutMs: 2_000 };
const principal: Principal = { userId: "u1", role: "user", via: "session" };

let root: string;
let workspace: Awaited<ReturnType<typeof createGitWorkspace>>;
let host: PluginHost;
let registry: ToolRegistry;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "slipstream-plugins-"));
  workspace = await createGitWorkspace(join(root, "plugins"));
});
afterEach(async () => {
  await host?.close();
});
afterAll(async () => {
  await removeDir(root);
});

async function startHost() {
  registry = createToolRegistry();
  host = createPluginHost({
    workspace: createCommittedWorkspace({ dir: workspace.dir, cacheDir: join(root, "versions") }),
    watchPath: join(workspace.dir, ".git"),
    registry,
    limits: LIMITS,
    logger: pino({ level: "silent" }),
  });
  await host.start();
  return host;
}

/** Calls a plugin tool by id as a turn would, with its own abort signal. */
async function call(id: string, input: unknown = {}) {
  const tools = await registry.toolSet({ ids: [id], principal, conversationId: "c1" });
  const execute = Object.values(tools)[0]?.execute as
    | ((input: unknown, options: object) => Promise<unknown>)
    | undefined;
  if (!execute) throw new Error(`no tool ${id}`);
  return execute(input, { toolCallId: "call-1", messages: [] });
}

const status = (name: string) => host.describe().plugins.find((plugin) => plugin.name === name);

const greeter = (greeting: string) => `
import { definePlugin } from "@slipstream/plugin-sdk";
const loadedAt = Math.random();
export default definePlugin({
  tools: {
    greet: {
      description: "Greets someone",
      inputSchema: { type: "object", properties: { who: { type: "string" } } },
      execute: ({ who }, { userId }) => \`${greeting}, \${who} (for \${userId})\`,
    },
    slow: {
      description: "Answers after ms",
      inputSchema: { type: "object" },
      execute: ({ ms }) => new Promise((resolve) => setTimeout(() => resolve("${greeting} slowly"), ms)),
    },
    loadedAt: { description: "Which load this is", inputSchema: { type: "object" }, execute: () => loadedAt },
    chart: {
      description: "A chart",
      inputSchema: { type: "object" },
      execute: () => ({ ui: { component: "Chart", props: { values: [1, 2] } }, summary: "two values" }),
    },
  },
});`;

describe("plugins from a Git workspace", () => {
  it("loads each committed plugin in its own worker, with its version, commit and tools", async () => {
    await workspace.write(pluginFiles("greeter", greeter("Hello")));
    const commit = await workspace.commit();
    await workspace.write({ "notes/readme.md": "not a plugin" });
    await startHost();
    expect(status("greeter")).toMatchObject({ version: "1.0.0", commit, status: "loaded", error: null, ui: false });
    expect((await registry.list()).map(({ id, name, source }) => ({ id, name, source }))).toContainEqual({
      id: "plugin:greeter:greet",
      name: "greeter__greet",
      source: "plugin:greeter",
    });
    expect(await call("plugin:greeter:greet", { who: "Ada" })).toBe("Hello, Ada (for u1)");
    expect(await call("plugin:greeter:chart")).toEqual({
      ui: { plugin: "greeter", version: expect.any(String), component: "Chart", props: { values: [1, 2] } },
      summary: "two values",
    });
  });

  it("reloads on a new commit, not on uncommitted edits, and only the plugins the commit touched", async () => {
    await workspace.write({ ...pluginFiles("greeter", greeter("Hello")), ...pluginFiles("other", greeter("Hi")) });
    await workspace.commit();
    await startHost();
    const otherLoad = await call("plugin:other:loadedAt");
    await workspace.write(pluginFiles("greeter", greeter("Howdy")));
    await host.sync();
    expect(await call("plugin:greeter:greet", { who: "Ada" })).toBe("Hello, Ada (for u1)");

    const commit = await workspace.commit("howdy");
    await eventually(async () =>
      expect(await call("plugin:greeter:greet", { who: "Ada" })).toBe("Howdy, Ada (for u1)"),
    );
    expect(status("greeter")?.commit).toBe(commit);
    expect(await call("plugin:other:loadedAt")).toBe(otherLoad);
  });

  it("lets a call begun on the old version finish on it while new calls reach the new one", async () => {
    await workspace.write(pluginFiles("greeter", greeter("Hello")));
    await workspace.commit();
    await startHost();
    const tools = await registry.toolSet({ ids: ["plugin:greeter:slow"], principal, conversationId: "c1" });
    const oldSlow = Object.values(tools)[0]?.execute as (input: unknown, options: object) => Promise<unknown>;
    const running = oldSlow({ ms: 1_500 }, { toolCallId: "old", messages: [] });
    await workspace.write(pluginFiles("greeter", greeter("Howdy")));
    await workspace.commit("howdy");
    await eventually(async () => expect(await call("plugin:greeter:greet", { who: "Ada" })).toMatch(/^Howdy/));
    expect(await running).toBe("Hello slowly");
    // A turn that took its tools before the commit still calls the old version.
    expect(await oldSlow({ ms: 1 }, { toolCallId: "old-2", messages: [] })).toBe("Hello slowly");
  });

  it("marks a plugin that throws at load, loops, or exhausts its memory as error, and the others carry on", async () => {
    await workspace.write({
      ...pluginFiles("greeter", greeter("Hello")),
      ...pluginFiles("thrower", `throw new Error("broken on purpose");`),
      ...pluginFiles("looper", `for (;;) {}`),
      ...pluginFiles(
        "hostile",
        `export default { tools: {
          spin: { description: "loops", inputSchema: { type: "object" }, execute: () => { for (;;) {} } },
          hoard: { description: "eats memory", inputSchema: { type: "object" }, execute: () => {
            const hoard = []; for (;;) hoard.push(new Array(1e6).fill(Math.random()));
          } },
        } };`,
      ),
      ...pluginFiles(
        "bloat",
        `export default { tools: {
          hoard: { description: "eats memory", inputSchema: { type: "object" }, execute: () => {
            const hoard = []; for (;;) hoard.push(new Array(1e6).fill(Math.random()));
          } } } };`,
      ),
      "badjson/plugin.json": "{ nope",
    });
    await workspace.commit();
    await startHost();
    expect(status("thrower")).toMatchObject({ status: "error", error: expect.stringMatching(/broken on purpose/) });
    expect(status("looper")).toMatchObject({ status: "error", error: expect.stringMatching(/did not load within/) });
    expect(status("badjson")).toMatchObject({
      status: "error",
      error: expect.stringMatching(/plugin.json is not JSON/),
    });
    expect(status("hostile")?.status).toBe("loaded");

    await expect(call("plugin:hostile:spin")).rejects.toThrow(/took longer than 2000 ms/);
    expect(status("hostile")).toMatchObject({ status: "error", error: expect.stringMatching(/took longer/) });
    await expect(call("plugin:bloat:hoard")).rejects.toThrow(/ran out of its 32 MB|stopped/);
    expect(status("bloat")?.status).toBe("error");
    expect((await registry.list()).map(({ source }) => source)).not.toContain("plugin:hostile");

    expect(await call("plugin:greeter:greet", { who: "Ada" })).toBe("Hello, Ada (for u1)");
  });

  it("hands domain events to plugins with an event handler", async () => {
    await workspace.write(
      pluginFiles(
        "listener",
        `const seen = [];
        export default {
          tools: { seen: { description: "events seen", inputSchema: { type: "object" }, execute: () => seen } },
          onEvent: (event) => { seen.push(event.type + "@" + event.conversationId); if (event.version === 2) throw new Error("ignored"); },
        };`,
      ),
    );
    await workspace.commit();
    await startHost();
    for (const version of [1, 2, 3]) {
      host.deliver({ type: "message.created", conversationId: "c9", version, event: { type: "message.created" } });
    }
    await eventually(async () => expect(await call("plugin:listener:seen")).toHaveLength(3));
  });

  it("drops a plugin whose folder a commit removes", async () => {
    await workspace.write(pluginFiles("greeter", greeter("Hello")));
    await workspace.commit();
    await startHost();
    await workspace.remove("greeter");
    await workspace.commit("remove");
    await eventually(() => expect(status("greeter")).toBeUndefined());
    expect(await registry.list()).toEqual([]);
  });
});
