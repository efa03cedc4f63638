import { describe, expect, it } from "vitest";
import { removeDir, signedInClient, startServer, useTestServer } from "../../../test/support.ts";

const server = useTestServer();

describe("conversations", () => {
  it("creates, lists newest first, reads, renames and deletes", async () => {
    const { client } = await signedInClient(server.url);
    const first = await client.conversations.create({ title: "First" });
    const second = await client.conversations.create();
    expect(second).toMatchObject({ title: "New chat", model: "demo/echo" });
    expect((await client.conversations.list()).map((c) => c.id)).toEqual([second.id, first.id]);

    const renamed = await client.conversations.update(first.id, { title: "Renamed" });
    expect(renamed.title).toBe("Renamed");
    expect((await client.conversations.list()).map((c) => c.id)).toEqual([first.id, second.id]);
    expect(await client.conversations.get(first.id)).toEqual(renamed);

    await client.conversations.remove(first.id);
    await expect(client.conversations.get(first.id)).rejects.toMatchObject({ status: 404 });
    expect((await client.conversations.list()).map((c) => c.id)).toEqual([second.id]);
  });

  it("refuses an unknown DEFAULT_MODEL when a conversation is created, as a send would", async () => {
    const own = await startServer({ DEFAULT_MODEL: "openai/not-configured" });
    try {
      const { client } = await signedInClient(own.url);
      await expect(client.conversations.create()).rejects.toMatchObject({ status: 400, code: "model_not_found" });
    } finally {
      await own.stop();
      await removeDir(own.dataDir);
    }
  });

  it("refuses an unknown model", async () => {
    const { client } = await signedInClient(server.url);
    await expect(client.conversations.create({ model: "nope/model" })).rejects.toMatchObject({
      status: 400,
      code: "model_not_found",
    });
  });

  it("shows nobody else's conversations: every path answers 404 to another user", async () => {
    const owner = await signedInClient(server.url, "owner");
    const stranger = await signedInClient(server.url, "stranger");
    const conversation = await owner.client.conversations.create({ title: "Private" });
    const { streamId } = await owner.client.messages.send(conversation.id, { content: "secret" });

    expect(await stranger.client.conversations.list()).toEqual([]);
    const attempts = [
      () => stranger.client.conversations.get(conversation.id),
      () => stranger.client.conversations.update(conversation.id, { title: "Mine now" }),
      () => stranger.client.conversations.remove(conversation.id),
      () => stranger.client.messages.list(conversation.id),
      () => stranger.client.messages.send(conversation.id, { content: "hi" }),
      () => stranger.client.streams.cancel(streamId),
      async () => {
        for await (const _ of stranger.client.streams.read(streamId)) break;
      },
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ status: 404 });
    expect((await owner.client.conversations.get(conversation.id)).title).toBe("Private");
  });

  it("answers 401 without a session", async () => {
    for (const path of ["/api/conversations", "/api/models", "/api/conversations/x/messages", "/api/streams/x"]) {
      const response = await fetch(new URL(path, server.url));
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: { code: "unauthorized", message: "Sign in to continue." } });
    }
  });
});
