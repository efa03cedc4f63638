import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeProvider, startFakeProvider } from "../../test/fake-provider/index.ts";
import { type FixtureHttpServer, startFixtureHttpServer } from "../../test/mcp/http-server.ts";
import {
  collect,
  eventually,
  removeDir,
  signedInClient,
  startServer,
  type TestServer,
  textOf,
} from "../../test/support.ts";

/** `@modelcontextprotocol/server-everything`, the reference server published on npm, which nobody here wrote. */
const EVERYTHING = new URL(
  "../../../../node_modules/@modelcontextprotocol/server-everything/dist/index.js",
  import.meta.url,
).pathname;

let fake: FakeProvider;
let fixture: FixtureHttpServer;
let everythingHttp: ChildProcess;
let server: TestServer;
type Account = Awaited<ReturnType<typeof signedInClient>>;
let admin: Account;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

beforeAll(async () => {
  fake = await startFakeProvider();
  fixture = await startFixtureHttpServer();
  const port = await freePort();
  everythingHttp = spawn(process.execPath, [EVERYTHING, "streamableHttp"], {
    env: { PORT: String(port) },
    stdio: "ignore",
  });
  const everythingUrl = `http://127.0.0.1:${port}/mcp`;
  await eventually(async () => expect((await fetch(everythingUrl, { method: "DELETE" })).status).toBeLessThan(500));
  const dataDir = await mkdtemp(join(tmpdir(), "slipstream-mcp-chat-"));
  const configPath = join(dataDir, "mcp.json");
  await writeFile(
    configPath,
    JSON.stringify({
      mcpServers: {
        everything: { command: process.execPath, args: [EVERYTHING, "stdio"] },
        everything_http: { url: everythingUrl },
        fixture: { url: fixture.url, headers: { Authorization: "Bearer {{user.secret.FIXTURE_TOKEN}}" } },
      },
    }),
  );
  server = await startServer(
    {
      OPENAI_API_KEY: "sk-openai-test",
      OPENAI_BASE_URL: `${fake.url}/v1`,
      MCP_CONFIG: configPath,
      MCP_CONNECT_TIMEOUT_MS: "30000",
    },
    dataDir,
  );
  await server.app.mcpStarted;
  admin = await signedInClient(server.url, "admin");
}, 120_000);
afterAll(async () => {
  await server.stop();
  everythingHttp.kill();
  await Promise.all([fake.close(), fixture.close()]);
  await removeDir(server.dataDir);
});

async function call(account: Account, method: string, path: string, body?: unknown) {
  const response = await account.client.transport.raw(path, {
    method,
    ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function chat(account: Account, tools: string[], content: string) {
  const conversation = await account.client.conversations.create({ model: "openai/gpt-4.1-mini", tools });
  const sent = await account.client.messages.send(conversation.id, { content });
  const events = await collect(account.client.streams.read(sent.streamId));
  return { events, text: textOf(events) };
}

describe("MCP tools in a chat", () => {
  for (const [server, transport] of [
    ["everything", "stdio"],
    ["everything_http", "HTTP"],
  ] as const) {
    it(`calls a tool of @modelcontextprotocol/server-everything over ${transport}, and the model answers from it`, async () => {
      const { text, events } = await chat(
        admin,
        [`mcp:${server}:get-sum`],
        `[[tool:${server}__get-sum:{"a":2,"b":40}]]`,
      );
      const output = events.find(({ part }) => part.type === "tool-output-available")?.part;
      expect(output).toMatchObject({ output: expect.stringContaining("42") });
      expect(text).toMatch(new RegExp(`^Tool ${server}__get-sum said: .*42`));
    });
  }

  it("gives the published stdio server none of this server's environment", async () => {
    const { events } = await chat(admin, ["mcp:everything:get-env"], "[[tool:everything__get-env:{}]]");
    const output = String(events.find(({ part }) => part.type === "tool-output-available")?.part.output);
    expect(JSON.parse(output)).not.toHaveProperty("OPENAI_API_KEY");
    expect(output).not.toContain("sk-openai-test");
  });

  it("fills a header from the user's own secret, which the API never shows again", async () => {
    const alice = await signedInClient(server.url, "alice");
    const value = "alice-fixture-token-0042";
    const put = await call(alice, "PUT", "/api/secrets/FIXTURE_TOKEN", { value });
    expect(put).toMatchObject({ status: 200, body: { secret: { name: "FIXTURE_TOKEN", hint: "…0042" } } });
    const listed = await call(alice, "GET", "/api/secrets");
    expect(listed.body.secrets).toEqual([put.body.secret]);
    expect(JSON.stringify(listed.body)).not.toContain(value);
    const { text } = await chat(alice, ["mcp:fixture:whoami"], "[[tool:fixture__whoami:{}]]");
    expect(text).toBe(`Tool fixture__whoami said: Bearer ${value}`);

    const bob = await signedInClient(server.url, "bob");
    expect((await call(bob, "GET", "/api/secrets")).body.secrets).toEqual([]);
    const withoutSecret = await chat(bob, ["mcp:fixture:whoami"], "[[tool:fixture__whoami:{}]]");
    const failed = withoutSecret.events.find(({ part }) => part.type === "tool-output-error")?.part;
    expect(failed).toMatchObject({ errorText: expect.stringMatching(/your secret FIXTURE_TOKEN/) });

    expect((await call(alice, "DELETE", "/api/secrets/FIXTURE_TOKEN")).status).toBe(204);
    expect((await call(alice, "DELETE", "/api/secrets/FIXTURE_TOKEN")).status).toBe(404);
    expect((await call(alice, "PUT", "/api/secrets/bad name!", { value })).status).toBe(400);
    expect((await call(alice, "PUT", "/api/secrets/OK", { value: "" })).status).toBe(400);
    expect((await fetch(new URL("/api/secrets", server.url))).status).toBe(401);
  });

  it("shows administrators each server's state and tools, and nobody else", async () => {
    const { status, body } = await call(admin, "GET", "/api/admin/mcp");
    expect(status).toBe(200);
    expect(body.config).toEqual({ path: expect.stringMatching(/mcp\.json$/), error: null });
    const byName = Object.fromEntries(body.servers.map((entry: { name: string }) => [entry.name, entry]));
    expect(byName.everything).toMatchObject({ transport: "stdio", state: "ready", error: null });
    expect(byName.everything_http).toMatchObject({ transport: "http", state: "ready" });
    expect(byName.everything.tools).toContainEqual(
      expect.objectContaining({ id: "mcp:everything:echo", name: "everything__echo", source: "mcp:everything" }),
    );
    const tools = await admin.client.tools.list();
    expect(tools.map(({ id }) => id)).toContain("mcp:everything_http:get-sum");
    const user = await signedInClient(server.url, "user");
    expect((await call(user, "GET", "/api/admin/mcp")).status).toBe(403);
  });
});
