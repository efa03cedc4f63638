import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import pino from "pino";
import { createMcpServers } from "../apps/server/src/mcp/mcp-servers.ts";
import { createPluginHost } from "../apps/server/src/plugins/plugin-host.ts";
import { createCommittedWorkspace } from "../apps/server/src/plugins/plugin-workspace.ts";
import { createToolRegistry, type ToolRegistry } from "../apps/server/src/tools/registry.ts";
import { startFixtureHttpServer } from "../apps/server/test/mcp/http-server.ts";
import { createGitWorkspace, pluginFiles } from "../apps/server/test/plugins/git-workspace.ts";
import { summarize } from "./stats.ts";

/**
 * `npm run bench:tools`: what a tool call costs per step by source (an in-process tool, a plugin's worker thread,
 * an MCP server over stdio and over HTTP), and how long a commit takes to reach a plugin's callers (reload p50).
 */
const CALLS = Number(process.env.BENCH_CALLS ?? 200);
const RELOADS = Number(process.env.BENCH_RELOADS ?? 15);
const logger = pino({ level: "silent" });
const principal = { userId: "u1", role: "user" as const, via: "session" as const };

async function executor(registry: ToolRegistry, id: string) {
  const tools = await registry.toolSet({ ids: [id], principal, conversationId: "c1" });
  const execute = Object.values(tools)[0]?.execute as
    | ((input: unknown, options: object) => Promise<unknown>)
    | undefined;
  if (!execute) throw new Error(`no tool ${id}`);
  return (input: unknown) => execute(input, { toolCallId: "bench", messages: [] });
}

async function timeCalls(call: () => Promise<unknown>) {
  for (let i = 0; i < 10; i++) await call();
  const times: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  return summarize(times);
}

const root = await mkdtemp(join(tmpdir(), "slipstream-bench-tools-"));
const registry = createToolRegistry();
registry.register({
  source: "builtin",
  list: async () => [
    { id: "echo", name: "echo", description: "echo", source: "builtin", inputSchema: { type: "object" } },
  ],
  execute: async ({ input }) => input,
  status: () => ({ state: "ready", error: null }),
});
const workspace = await createGitWorkspace(join(root, "plugins"));
const plugin = (answer: string) =>
  `export default { tools: { echo: { description: "echo", inputSchema: { type: "object" }, execute: (input) => ({ answer: "${answer}", input }) } } };`;
await workspace.write(pluginFiles("bench", plugin("v0")));
await workspace.commit();
const host = createPluginHost({
  workspace: createCommittedWorkspace({ dir: workspace.dir, cacheDir: join(root, "versions") }),
  watchPath: join(workspace.dir, ".git"),
  registry,
  limits: { memoryMb: 64, loadTimeoutMs: 10_000, callTimeoutMs: 10_000 },
  logger,
});
await host.start();
const http = await startFixtureHttpServer();
const configPath = join(root, "mcp.json");
const stdioServer = new URL("../apps/server/test/mcp/stdio-server.ts", import.meta.url).pathname;
await writeFile(
  configPath,
  JSON.stringify({
    mcpServers: { stdio: { command: process.execPath, args: [stdioServer] }, http: { url: http.url } },
  }),
);
const mcp = createMcpServers({
  configPath,
  registry,
  connectTimeoutMs: 30_000,
  callTimeoutMs: 10_000,
  retryMs: 30_000,
  revealSecrets: async () => new Map(),
  logger,
});
await mcp.start();

try {
  const input = { text: "a short tool input" };
  const results = {
    "in-process tool": await timeCalls(await executor(registry, "echo").then((call) => () => call(input))),
    "plugin (worker thread)": await timeCalls(
      await executor(registry, "plugin:bench:echo").then((call) => () => call(input)),
    ),
    "MCP over stdio": await timeCalls(await executor(registry, "mcp:stdio:shout").then((call) => () => call(input))),
    "MCP over HTTP": await timeCalls(await executor(registry, "mcp:http:shout").then((call) => () => call(input))),
  };
  console.log(`tool call round trip, ${CALLS} calls each (ms):`);
  for (const [source, summary] of Object.entries(results)) {
    console.log(`  ${source.padEnd(24)} p50 ${summary.p50.toFixed(2)}  p90 ${summary.p90.toFixed(2)}`);
  }

  const reloads: number[] = [];
  for (let i = 1; i <= RELOADS; i++) {
    await workspace.write(pluginFiles("bench", plugin(`v${i}`)));
    const started = performance.now();
    await workspace.commit(`v${i}`);
    for (;;) {
      const call = await executor(registry, "plugin:bench:echo").catch(() => undefined);
      const output = (await call?.({}).catch(() => undefined)) as { answer?: string } | undefined;
      if (output?.answer === `v${i}`) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    reloads.push(performance.now() - started);
  }
  const reload = summarize(reloads);
  console.log(
    `plugin reload, commit to the new version answering, ${RELOADS} commits (ms): p50 ${reload.p50.toFixed(0)}  p90 ${reload.p90.toFixed(0)}  max ${reload.max.toFixed(0)}`,
  );
} finally {
  await mcp.close();
  await host.close();
  await http.close();
  await rm(root, { recursive: true, force: true });
}
