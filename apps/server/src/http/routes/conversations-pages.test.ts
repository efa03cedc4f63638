import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeDir, signedInClient, startServer, type TestServer } from "../../../test/support.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ CONVERSATIONS_PAGE_MAX: "3" });
});
afterAll(async () => {
  await server.stop();
  await removeDir(server.dataDir);
});

describe("the conversation list in pages", () => {
  it("holds at most CONVERSATIONS_PAGE_MAX, and its cursors walk every conversation once, newest first", async () => {
    const { client } = await signedInClient(server.url);
    const created = [];
    for (let n = 0; n < 7; n += 1) created.push(await client.conversations.create({ title: `c${n}` }));
    const newestFirst = created.map((conversation) => conversation.id).reverse();

    const first = await client.conversations.page({ limit: 50 });
    expect(first.conversations.map((conversation) => conversation.id)).toEqual(newestFirst.slice(0, 3));
    const second = await client.conversations.page({ cursor: first.nextCursor ?? "", limit: 2 });
    expect(second.conversations.map((conversation) => conversation.id)).toEqual(newestFirst.slice(3, 5));
    const last = await client.conversations.page({ cursor: second.nextCursor ?? "" });
    expect(last.conversations.map((conversation) => conversation.id)).toEqual(newestFirst.slice(5));
    expect(last.nextCursor).toBeNull();
    expect((await client.conversations.list()).map((conversation) => conversation.id)).toEqual(newestFirst);
  });

  it("refuses a cursor it did not give", async () => {
    const { client } = await signedInClient(server.url);
    const response = await client.transport.raw("/api/conversations?cursor=not-a-cursor");
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe("invalid_request");
  });
});
