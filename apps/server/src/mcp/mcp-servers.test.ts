import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type FixtureHttpServer, startFixtureHttpServer, startSilentServer } from "../../test/mcp/http-server.ts";
import { eventually, removeDir } from "../../test/support.ts";
import type { Principal } from "../identity/principal.ts";
import { createToolRegistry } from "../tools/registry.ts";
import { createMcpServers, type McpServers } from "./mcp-servers.ts";

const STDIO_SERVER = new URL("../../test/mcp/stdio-server.ts", import.meta.url).pathname;
// Generous: a stdio server is a Node process that loads the MCP SDK, seconds on a busy machine.
const CONNECT_TIMEOUT_MS = 20_000;
const SHORT_CONNECT_TIMEOUT_MS = 1_500;
const CALL_TIMEOUT_MS = 1_500;
const stdio = { command: process.execPath, args: [STDIO_SERVER] };

let dir: string;
let http: FixtureHttpServer;
const opened: McpServers[] = [];
const userSecrets = new Map<string, Map<string, string>>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "slipstream-mcp-"));
  http = await startFixtureHttpServer();
  process.env.SLIPSTREAM_SERVER_ONLY = "must-not-reach-mcp-servers";
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((servers) => servers.close()));
});
afterAll(async () => {
  delete process.env.SLIPSTREAM_SERVER_ONLY;
  await http.close();
  await removeDir(dir);
});

async function start(config: unknown, { retryMs = 60_000, connectTimeoutMs = CONNECT_TIMEOUT_MS } = {}) {
  const configPath = join(dir, `mcp-${opened.length}-${Date.now()}.json`);
  await writeFile(configPath, JSON.stringify(config));
  const registry = createToolRegistry();
  const servers = createMcpServers({
    configPath,
    registry,
    connectTimeoutMs,
    callTimeoutMs: CALL_TIMEOUT_MS,
    retryMs,
    revealSecrets: async ({ userId, names }) =>
      new Map([...(userSecrets.get(userId) ?? new Map())].filter(([name]) => names.includes(name))),
    logger: pino({ level: "silent" }),
  });
  opened.push(servers);
  await servers.start();
  return { servers, registry, configPath };
}

const principal = (userId: string): Principal => ({ userId, role: "user", via: "session" });

/** Calls a registry tool by id as `userId` would in a turn. */
async function call(registry: ReturnType<typeof createToolRegistry>, id: string, input: unknown, userId = "u1") {
  const tools = await registry.toolSet({ ids: [id], principal: principal(userId), conversationId: "c1" });
  const execute = Object.values(tools)[0]?.execute as
    | ((input: unknown, options: object) => Promise<unknown>)
    | undefined;
  if (!execute) throw new Error(`no tool ${id}`);
  return execute(input, { toolCallId: "call-1", messages: [] });
}

describe("MCP servers from MCP_CONFIG", () => {
  it("lists a stdio server's tools by server name and calls them", async () => {
    const { registry, servers } = await start({ mcpServers: { fixture: stdio } });
    const tools = await registry.list();
    expect(tools.map(({ id, name, source }) => ({ id, name, source }))).toContainEqual({
      id: "mcp:fixture:shout",
      name: "fixture__shout",
      source: "mcp:fixture",
    });
    expect(await call(registry, "mcp:fixture:shout", { text: "hello" })).toBe("HELLO");
    await expect(call(registry, "mcp:fixture:refuse", {})).rejects.toThrow("refused on purpose");
    expect(servers.describe().servers).toMatchObject([{ name: "fixture", transport: "stdio", state: "ready" }]);
  });

  it("gives a stdio server only the environment its configuration names, never this server's", async () => {
    const { registry } = await start({ mcpServers: { fixture: { ...stdio, env: { GREETING: "hi" } } } });
    const env = JSON.parse(String(await call(registry, "mcp:fixture:env", {}))) as Record<string, string>;
    expect(env.GREETING).toBe("hi");
    expect(env.SLIPSTREAM_SERVER_ONLY).toBeUndefined();
    expect(JSON.stringify(env)).not.toContain("must-not-reach-mcp-servers");
    expect(env.HOME ?? "").toBe("");
  });

  it("fills HTTP headers from the calling user's secrets, and says which secret is missing", async () => {
    const { registry } = await start({
      mcpServers: { remote: { url: http.url, headers: { Authorization: "Bearer {{user.secret.REMOTE_TOKEN}}" } } },
    });
    // Listing happened without a user: the header that needs a secret was left out.
    expect(http.authorizations[0]).toBeUndefined();
    userSecrets.set("alice", new Map([["REMOTE_TOKEN", "alice-token"]]));
    userSecrets.set("bob", new Map([["REMOTE_TOKEN", "bob-token"]]));
    expect(await call(registry, "mcp:remote:whoami", {}, "alice")).toBe("Bearer alice-token");
    expect(await call(registry, "mcp:remote:whoami", {}, "bob")).toBe("Bearer bob-token");
    userSecrets.set("alice", new Map([["REMOTE_TOKEN", "alice-new"]]));
    expect(await call(registry, "mcp:remote:whoami", {}, "alice")).toBe("Bearer alice-new");
    await expect(call(registry, "mcp:remote:whoami", {}, "carol")).rejects.toThrow(/your secret REMOTE_TOKEN/);
  });

  it("marks a server that is down or never answers as error within the connect timeout, and skips it", async () => {
    const silent = await startSilentServer();
    try {
      const started = Date.now();
      const { registry, servers } = await start(
        {
          mcpServers: {
            remote: { url: http.url },
            silent: { url: silent.url },
            down: { url: "http://127.0.0.1:9/mcp" },
            missing: { command: join(dir, "no-such-program") },
          },
        },
        { connectTimeoutMs: SHORT_CONNECT_TIMEOUT_MS },
      );
      expect(Date.now() - started).toBeLessThan(SHORT_CONNECT_TIMEOUT_MS + 1_000);
      const states = Object.fromEntries(servers.describe().servers.map(({ name, state }) => [name, state]));
      expect(states).toEqual({ remote: "ready", silent: "error", down: "error", missing: "error" });
      expect(servers.describe().servers.find(({ name }) => name === "silent")?.error).toMatch(/did not answer/);
      expect(new Set((await registry.list()).map(({ source }) => source))).toEqual(new Set(["mcp:remote"]));
    } finally {
      await silent.close();
    }
  });

  it("fails a call that takes longer than the call timeout, marks the server, then reconnects it", async () => {
    const { registry, servers } = await start({ mcpServers: { fixture: stdio } }, { retryMs: 200 });
    const started = Date.now();
    await expect(call(registry, "mcp:fixture:sleep", { ms: 60_000 })).rejects.toThrow(/did not answer within/);
    expect(Date.now() - started).toBeLessThan(CALL_TIMEOUT_MS + 1_000);
    expect(servers.describe().servers[0]?.state).not.toBe("ready");
    await eventually(() => expect(servers.describe().servers[0]?.state).toBe("ready"));
    expect(await call(registry, "mcp:fixture:shout", { text: "back" })).toBe("BACK");
  });

  it("reloads the file when it changes: adds, restarts and removes servers, and keeps them on a broken file", async () => {
    const { registry, servers, configPath } = await start({ mcpServers: { one: stdio } });
    const sources = async () => [...new Set((await registry.list()).map(({ source }) => source))].sort();
    expect(await sources()).toEqual(["mcp:one"]);
    await writeFile(configPath, JSON.stringify({ mcpServers: { one: stdio, two: { url: http.url } } }));
    await eventually(async () => expect(await sources()).toEqual(["mcp:one", "mcp:two"]));
    await writeFile(configPath, "{ not json");
    await eventually(() => expect(servers.describe().config.error).toMatch(/not JSON/));
    expect(await sources()).toEqual(["mcp:one", "mcp:two"]);
    await writeFile(configPath, JSON.stringify({ mcpServers: { two: { url: http.url } } }));
    await eventually(async () => expect(await sources()).toEqual(["mcp:two"]));
    expect(servers.describe().config.error).toBeNull();
  });
});
