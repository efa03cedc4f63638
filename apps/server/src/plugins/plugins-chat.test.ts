import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Message } from "@slipstream/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeProvider, startFakeProvider } from "../../test/fake-provider/index.ts";
import { createGitWorkspace, pluginFiles } from "../../test/plugins/git-workspace.ts";
import {
  collect,
  eventually,
  removeDir,
  signedInClient,
  startServer,
  type TestServer,
  textOf,
} from "../../test/support.ts";

let fake: FakeProvider;
let server: TestServer;
let workspace: Awaited<ReturnType<typeof createGitWorkspace>>;

const counter = (label: string) => `
import { definePlugin } from "@slipstream/plugin-sdk";
export default definePlugin({
  tools: {
    count: {
      description: "Counts to n",
      inputSchema: { type: "object", properties: { n: { type: "number" } } },
      execute: ({ n }) => ({ label: "${label}", values: Array.from({ length: n }, (_, i) => i + 1) }),
    },
  },
});`;

beforeAll(async () => {
  fake = await startFakeProvider();
  const dataDir = await mkdtemp(join(tmpdir(), "slipstream-plugins-chat-"));
  workspace = await createGitWorkspace(join(dataDir, "plugins"));
  await workspace.write(pluginFiles("counter", counter("first")));
  await workspace.commit();
  server = await startServer({ OPENAI_API_KEY: "sk-openai-test", OPENAI_BASE_URL: `${fake.url}/v1` }, dataDir);
  await server.app.pluginsStarted;
});
afterAll(async () => {
  await server.stop();
  await fake.close();
  await removeDir(server.dataDir);
});

describe("plugin tools in a chat", () => {
  it("are listed with their plugin, called by the model, and reloaded by a commit while a reply streams", async () => {
    const { client } = await signedInClient(server.url);
    const plugins = await client.transport.raw("/api/plugins").then((response) => response.json());
    expect(plugins).toMatchObject({
      error: null,
      plugins: [{ name: "counter", version: "1.0.0", status: "loaded", tools: [{ id: "plugin:counter:count" }] }],
    });
    const conversation = await client.conversations.create({
      model: "openai/gpt-4.1-mini",
      tools: ["plugin:counter:count"],
    });
    const ask = async () => {
      const sent = await client.messages.send(conversation.id, { content: '[[tool:counter__count:{"n":3}]]' });
      return textOf(await collect(client.streams.read(sent.streamId)));
    };
    expect(await ask()).toBe('Tool counter__count said: {"label":"first","values":[1,2,3]}');

    const streaming = await client.messages.send(conversation.id, { content: "[[pause:2]][[repeat:10]]still going " });
    const reading = collect(client.streams.read(streaming.streamId));
    await workspace.write(pluginFiles("counter", counter("second")));
    const commit = await workspace.commit("second");
    await eventually(async () => {
      const listed = await client.transport.raw("/api/plugins").then((response) => response.json());
      expect(listed.plugins[0].commit).toBe(commit);
    });
    const during = (await client.messages.list(conversation.id)).find(({ id }) => id === streaming.reply.id);
    expect(during?.status).toBe("streaming");
    fake.resume();
    expect(textOf(await reading)).toBe("Echo: still going".repeat(10));
    const saved = (await client.messages.list(conversation.id)).find(({ id }) => id === streaming.reply.id) as Message;
    expect(saved.status).toBe("complete");
    expect(await ask()).toBe('Tool counter__count said: {"label":"second","values":[1,2,3]}');
  });

  it("needs a session", async () => {
    expect((await fetch(new URL("/api/plugins", server.url))).status).toBe(401);
  });
});
