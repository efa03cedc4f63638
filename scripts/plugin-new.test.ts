import { execFile } from "node:child_process";
import { mkdir, mkdtemp } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { createPluginHost } from "../apps/server/src/plugins/plugin-host.ts";
import { createFilesWorkspace } from "../apps/server/src/plugins/plugin-workspace.ts";
import { createToolRegistry } from "../apps/server/src/tools/registry.ts";
import { removeDir } from "../apps/server/test/support.ts";

const run = promisify(execFile);
const SCRIPT = new URL("./plugin-new.ts", import.meta.url).pathname;
// Inside the repository, as PLUGINS_DIR's default (DATA_DIR/plugins) is: the scaffold's test finds the SDK there.
// A clean checkout has no data folder until the server first starts.
const dataDir = new URL("../data/", import.meta.url).pathname;
await mkdir(dataDir, { recursive: true });
const root = await mkdtemp(join(dataDir, "plugin-new-"));
afterAll(() => removeDir(root));

describe("npm run plugin:new", () => {
  it("scaffolds a plugin whose own test passes and whose tool the host loads and runs", async () => {
    const env = { PATH: process.env.PATH ?? "", PLUGINS_DIR: root, DATA_DIR: root };
    const { stdout } = await run(process.execPath, [SCRIPT, "weather"], { env });
    expect(stdout).toContain(join(root, "weather"));
    await run(process.execPath, ["--test", join(root, "weather", "index.test.ts")], { env });
    await expect(run(process.execPath, [SCRIPT, "weather"], { env })).rejects.toMatchObject({
      stderr: expect.stringContaining("already exists"),
    });
    await expect(run(process.execPath, [SCRIPT, "Bad Name"], { env })).rejects.toMatchObject({ code: 1 });

    const registry = createToolRegistry();
    const host = createPluginHost({
      workspace: createFilesWorkspace({ dir: root }),
      registry,
      limits: { memoryMb: 64, loadTimeoutMs: 10_000, callTimeoutMs: 5_000 },
      logger: pino({ level: "silent" }),
    });
    await host.start();
    try {
      expect(host.describe().plugins).toMatchObject([{ name: "weather", version: "0.1.0", status: "loaded" }]);
      const tools = await registry.toolSet({
        ids: ["plugin:weather:hello"],
        principal: { userId: "u1", role: "user", via: "session" },
        conversationId: "c1",
      });
      const execute = tools.weather__hello?.execute as (input: unknown, options: object) => Promise<unknown>;
      expect(await execute({ name: "Ada" }, { toolCallId: "t1", messages: [] })).toEqual({ greeting: "Hello, Ada!" });
    } finally {
      await host.close();
    }
  });
});
