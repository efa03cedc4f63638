import type { ServerFrame } from "@slipstream/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  eventually,
  FAKE_MODEL,
  openTestSocket,
  rawTestSocket,
  signedInClient,
  startServerWithFakeProvider,
} from "../../test/support.ts";

let env: Awaited<ReturnType<typeof startServerWithFakeProvider>>;
beforeAll(async () => {
  env = await startServerWithFakeProvider({
    WS_MAX_SOCKETS_PER_USER: "2",
    WS_MAX_SUBSCRIPTIONS_PER_SOCKET: "2",
    WS_MAX_WATCHES_PER_SOCKET: "1",
  });
});
afterAll(() => env.stop());

const errorsOf = (frames: ServerFrame[]) => frames.filter((frame) => frame.type === "error");

describe("WebSocket caps", () => {
  it("refuses a user's socket past WS_MAX_SOCKETS_PER_USER with 429, and takes one again once a socket closes", async () => {
    const { client } = await signedInClient(env.server.url);
    const cookie = client.transport.cookieHeader();
    const first = await rawTestSocket(env.server.url, cookie);
    const second = await rawTestSocket(env.server.url, cookie);
    expect(await openTestSocket(env.server.url, { cookie, origin: env.server.url })).toBe(429);
    const other = await signedInClient(env.server.url);
    const theirs = await rawTestSocket(env.server.url, other.client.transport.cookieHeader());
    first.socket.close();
    await first.closed;
    const again = await eventually(async () => {
      const opened = await openTestSocket(env.server.url, { cookie, origin: env.server.url });
      if (typeof opened === "number") throw new Error(`still refused with ${opened}`);
      return opened;
    });
    for (const socket of [second.socket, theirs.socket, again]) socket.close();
  });

  it("answers limit_exceeded past the subscriptions and watches of one socket, and frees a slot on release", async () => {
    const { client } = await signedInClient(env.server.url);
    const raw = await rawTestSocket(env.server.url, client.transport.cookieHeader());
    const conversations = await Promise.all([0, 1, 2].map(() => client.conversations.create({ model: FAKE_MODEL })));
    // One reply at a time per branch: three running replies take three conversations.
    const streams = await Promise.all(
      conversations.map(async ({ id }) => (await client.messages.send(id, { content: "[[pause:1]] hi" })).streamId),
    );
    for (const streamId of streams)
      raw.socket.send(JSON.stringify({ type: "subscribe", streamId, requestId: streamId }));
    await eventually(() => expect(errorsOf(raw.frames)).toHaveLength(1));
    expect(errorsOf(raw.frames)[0]).toMatchObject({ code: "limit_exceeded", requestId: streams[2] });

    raw.socket.send(JSON.stringify({ type: "watch", conversationId: conversations[0]?.id, requestId: "w1" }));
    raw.socket.send(JSON.stringify({ type: "watch", conversationId: conversations[1]?.id, requestId: "w2" }));
    await eventually(() => expect(errorsOf(raw.frames)).toHaveLength(2));
    expect(errorsOf(raw.frames)[1]).toMatchObject({ code: "limit_exceeded", requestId: "w2" });
    raw.socket.send(JSON.stringify({ type: "unwatch", conversationId: conversations[0]?.id, requestId: "u1" }));
    raw.socket.send(JSON.stringify({ type: "watch", conversationId: conversations[1]?.id, requestId: "w3" }));
    await eventually(() =>
      expect(raw.frames.some((frame) => frame.type === "ok" && frame.requestId === "w3")).toBe(true),
    );
    expect(errorsOf(raw.frames)).toHaveLength(2);
    raw.socket.close();
    env.fake.resume();
  });
});
