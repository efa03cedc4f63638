import { afterAll, describe, expect, it } from "vitest";
import { type FakeProvider, startFakeProvider } from "./fake-provider/index.ts";
import { createTestPostgresDatabase } from "./postgres-database.ts";
import { collect, newClient, removeDir, signedInClient, startServer, textOf } from "./support.ts";

const fake: FakeProvider = await startFakeProvider();
const postgres = await createTestPostgresDatabase();
afterAll(async () => {
  await fake.close();
  if (!("skip" in postgres)) await postgres.drop();
});

const stores: { name: string; env: () => Record<string, string> }[] = [{ name: "SQLite", env: () => ({}) }];
if ("skip" in postgres) console.log(`postgres end-to-end tests skipped: ${postgres.skip}`);
else stores.push({ name: "Postgres", env: () => ({ DATABASE_URL: postgres.url }) });

describe.each(stores)("the whole product on $name", ({ env }) => {
  it("registers, picks a model, streams over SSE and WebSocket, and keeps everything across a restart", async () => {
    const settings = { ...env(), OPENAI_COMPATIBLE_BASE_URL: `${fake.url}/v1` };
    const first = await startServer(settings);
    let dataDir = first.dataDir;
    try {
      const { client, email, password } = await signedInClient(first.url);
      const models = await client.models.list();
      expect(models.map((model) => model.id)).toContain("local/llama3.2");
      const conversation = await client.conversations.create({ model: "local/llama3.2", title: "Kept" });

      const overSse = await client.messages.send(conversation.id, { content: "over SSE" });
      expect(textOf(await collect(client.streams.read(overSse.streamId)))).toBe("Echo: over SSE");

      const realtime = await client.connect();
      const accepted = await realtime.request({ type: "send", conversationId: conversation.id, content: "over WS" });
      if (accepted.type !== "accepted") throw new Error("expected accepted");
      expect(textOf(await collect(realtime.subscribe(accepted.streamId)))).toBe("Echo: over WS");
      realtime.close();

      const before = await client.messages.list(conversation.id);
      expect(before.map((message) => message.content)).toEqual([
        "over SSE",
        "Echo: over SSE",
        "over WS",
        "Echo: over WS",
      ]);
      const cookie = client.transport.cookieHeader();
      await first.stop();

      const second = await startServer(settings, first.dataDir);
      dataDir = second.dataDir;
      try {
        const again = newClient(second.url);
        const session = await fetch(new URL("/api/auth/session", second.url), { headers: { cookie } });
        expect(session.status).toBe(200);
        await again.auth.login({ email, password });
        expect((await again.conversations.list()).map((c) => c.title)).toEqual(["Kept"]);
        expect(await again.messages.list(conversation.id)).toEqual(before);
      } finally {
        await second.stop();
      }
    } finally {
      await removeDir(dataDir);
    }
  });
});

describe("a server stopping mid-answer", () => {
  it("keeps the partial reply, marked interrupted, after a restart", async () => {
    const settings = { OPENAI_COMPATIBLE_BASE_URL: `${fake.url}/v1` };
    const first = await startServer(settings);
    try {
      const { client, email, password } = await signedInClient(first.url);
      const conversation = await client.conversations.create({ model: "local/llama3.2" });
      const sent = await client.messages.send(conversation.id, { content: "[[slow:40]][[chunks:100]] a long answer" });
      const seen = [];
      for await (const event of client.streams.read(sent.streamId)) {
        seen.push(event);
        if (seen.filter((e) => e.part.type === "text-delta").length === 3) break;
      }
      await first.stop();

      const second = await startServer(settings, first.dataDir);
      try {
        const again = newClient(second.url);
        await again.auth.login({ email, password });
        const reply = (await again.messages.list(conversation.id)).at(-1);
        expect(reply?.status).toBe("interrupted");
        expect(reply?.content.startsWith(textOf(seen))).toBe(true);
        expect(reply?.content.length).toBeLessThan("Echo: a long answer".length);
      } finally {
        await second.stop();
      }
    } finally {
      await removeDir(first.dataDir);
    }
  });
});

describe("a graceful stop", () => {
  it("lets a running generation finish within the grace period before closing", async () => {
    const server = await startServer({ OPENAI_COMPATIBLE_BASE_URL: `${fake.url}/v1` });
    try {
      const { client } = await signedInClient(server.url);
      const conversation = await client.conversations.create({ model: "local/llama3.2" });
      const sent = await client.messages.send(conversation.id, { content: "[[slow:20]][[chunks:30]] finish me" });
      for await (const event of client.streams.read(sent.streamId)) if (event.seq === 4) break;
      await server.app.close({ graceMs: 10_000 });

      const again = await startServer({}, server.dataDir);
      try {
        const cookie = client.transport.cookieHeader();
        const response = await fetch(new URL(`/api/conversations/${conversation.id}/messages`, again.url), {
          headers: { cookie },
        });
        const { messages } = await response.json();
        expect(messages.at(-1)).toMatchObject({ status: "complete", content: "Echo: finish me" });
      } finally {
        await again.stop();
      }
    } finally {
      await removeDir(server.dataDir);
    }
  });
});
