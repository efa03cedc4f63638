import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import {
  collect,
  eventually,
  FAKE_MODEL,
  newClient,
  openTestSocket,
  rawTestSocket,
  removeDir,
  signedInClient,
  startServer,
  startServerWithFakeProvider,
  type TestServer,
  textOf,
} from "../../test/support.ts";

let server: TestServer;
let stop: () => Promise<void>;
const MODEL = FAKE_MODEL;

beforeAll(async () => {
  ({ server, stop } = await startServerWithFakeProvider({
    WS_MAX_FRAME_BYTES: "4096",
    WS_MAX_FRAMES_PER_SECOND: "20",
  }));
});
afterAll(() => stop());

const openSocket = (headers: Record<string, string>, url = server.url) => openTestSocket(url, headers);
const rawSocket = (cookie: string, url = server.url) => rawTestSocket(url, cookie);

describe("WebSocket upgrade", () => {
  it("accepts the server's own origin with a valid session", async () => {
    const { client } = await signedInClient(server.url);
    const socket = await openSocket({ cookie: client.transport.cookieHeader(), origin: server.url });
    expect(socket).toBeInstanceOf(WebSocket);
    (socket as WebSocket).close();
  });

  it("refuses missing, null and look-alike origins with 403", async () => {
    const { client } = await signedInClient(server.url);
    const cookie = client.transport.cookieHeader();
    const port = new URL(server.url).port;
    expect(await openSocket({ cookie })).toBe(403);
    for (const origin of [
      "null",
      `http://127.0.0.1:${port}.evil.test`,
      `http://evil.test`,
      `https://127.0.0.1:${port}`,
    ]) {
      expect(await openSocket({ cookie, origin })).toBe(403);
    }
  });

  it("refuses a missing, forged or revoked session with 401", async () => {
    expect(await openSocket({ origin: server.url })).toBe(401);
    expect(await openSocket({ origin: server.url, cookie: "slipstream_session=forged.token.value" })).toBe(401);
    const { client } = await signedInClient(server.url);
    const captured = client.transport.cookieHeader();
    await client.auth.logout();
    expect(await openSocket({ origin: server.url, cookie: captured })).toBe(401);
  });

  it("closes a revoked session's open sockets", async () => {
    const { client } = await signedInClient(server.url);
    const { closed } = await rawSocket(client.transport.cookieHeader());
    await client.auth.logout();
    expect(await closed).toBe(4401);
  });
});

describe("WebSocket liveness", () => {
  it("drops a peer that stops answering pings within two intervals, and keeps a live one", async () => {
    const own = await startServer({ WS_PING_INTERVAL_MS: "250" });
    try {
      const { client } = await signedInClient(own.url);
      const headers = { cookie: client.transport.cookieHeader(), origin: own.url };
      const live = new WebSocket(`${own.url.replace("http", "ws")}/ws`, { headers });
      const dead = new WebSocket(`${own.url.replace("http", "ws")}/ws`, { headers });
      await Promise.all([live, dead].map((ws) => new Promise((resolve) => ws.once("open", resolve))));
      await eventually(() => expect(own.app.connectionCount).toBe(2));
      // A paused socket reads nothing, so it never sees the server's pings nor answers them: a dead peer.
      (dead as unknown as { _socket: { pause(): void } })._socket.pause();
      const started = Date.now();
      await eventually(() => expect(own.app.connectionCount).toBe(1), 2_000);
      // Two intervals (500 ms) plus slack for a busy machine.
      expect(Date.now() - started).toBeLessThan(800);
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect(live.readyState).toBe(WebSocket.OPEN);
      live.close();
      dead.terminate();
    } finally {
      await own.stop();
      await removeDir(own.dataDir);
    }
  });
});

describe("WebSocket backpressure", () => {
  it("drops a socket whose reader stops once its unsent bytes pass the limit, and the client resumes exactly", async () => {
    const own = await startServerWithFakeProvider({
      WS_MAX_BUFFERED_BYTES: String(256 * 1024),
      MAX_REPLY_BYTES: String(16 * 1024 * 1024),
    });
    try {
      const { client } = await signedInClient(own.server.url);
      const conversation = await client.conversations.create({ model: MODEL });
      // About 6 MB of events: more than the kernel's socket buffers on loopback hold, so the rest queues in the server.
      const line = `${"0123456789abcdef".repeat(62)}\n`;
      const sent = await client.messages.send(conversation.id, {
        content: `[[reply:${line}]][[repeat:6000]][[chunks:6000]] a long answer`,
      });
      const reply = await eventually(async () => {
        const latest = (await client.messages.list(conversation.id)).at(-1);
        expect(latest?.status).toBe("complete");
        return latest;
      }, 20_000);

      const slow = await rawSocket(client.transport.cookieHeader(), own.server.url);
      (slow.socket as unknown as { _socket: { pause(): void } })._socket.pause();
      slow.socket.send(JSON.stringify({ type: "subscribe", streamId: sent.streamId, requestId: "s" }));
      await eventually(() => expect(own.server.app.connectionCount).toBe(0), 10_000);
      (slow.socket as unknown as { _socket: { resume(): void } })._socket.resume();
      await slow.closed;

      const received = slow.frames.flatMap((frame) =>
        frame.type === "event" ? [{ seq: frame.seq, part: frame.part }] : [],
      );
      expect(received.length).toBeGreaterThan(0);
      expect(received.length).toBeLessThan(6000);
      expect(slow.frames.some((frame) => frame.type === "done")).toBe(false);
      const realtime = await client.connect();
      const rest = await collect(realtime.subscribe(sent.streamId, received.at(-1)?.seq ?? 0));
      realtime.close();
      const all = [...received, ...rest];
      expect(all.map((event) => event.seq)).toEqual(all.map((_, index) => index + 1));
      expect(textOf(all)).toBe(reply?.content);
      expect(reply?.content.length).toBe(line.length * 6000);
    } finally {
      await own.stop();
    }
  });
});

describe("WebSocket frames", () => {
  it("sends a message, then streams its events exactly as persisted", async () => {
    const { client } = await signedInClient(server.url);
    const conversation = await client.conversations.create({ model: MODEL });
    const realtime = await client.connect();
    const accepted = await realtime.request({ type: "send", conversationId: conversation.id, content: "over ws" });
    if (accepted.type !== "accepted") throw new Error("expected accepted");
    const events = await collect(realtime.subscribe(accepted.streamId));
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    expect(textOf(events)).toBe("Echo: over ws");
    expect((await client.messages.list(conversation.id)).at(-1)?.content).toBe("Echo: over ws");
    const resumed = await collect(realtime.subscribe(accepted.streamId, 3));
    expect(resumed).toEqual(events.slice(3));
    realtime.close();
  });

  it("pushes message and conversation changes to a watcher", async () => {
    const { client } = await signedInClient(server.url);
    const conversation = await client.conversations.create({ model: MODEL });
    const watcher = await rawSocket(client.transport.cookieHeader());
    watcher.socket.send(JSON.stringify({ type: "watch", conversationId: conversation.id, requestId: "w" }));
    await eventually(() => expect(watcher.frames).toContainEqual({ type: "ok", requestId: "w" }));
    const sent = await client.messages.send(conversation.id, { content: "watch this" });
    await collect(client.streams.read(sent.streamId));
    await client.conversations.update(conversation.id, { title: "Watched" });
    await eventually(() => {
      const statuses = watcher.frames.flatMap((frame) =>
        frame.type === "message" ? [`${frame.message.role}:${frame.message.status}`] : [],
      );
      expect(statuses).toEqual(["user:complete", "assistant:streaming", "assistant:complete"]);
      expect(watcher.frames).toContainEqual(
        expect.objectContaining({ type: "conversation", action: "updated", conversationId: conversation.id }),
      );
    });
    await client.conversations.remove(conversation.id);
    await eventually(() =>
      expect(watcher.frames).toContainEqual(expect.objectContaining({ type: "conversation", action: "deleted" })),
    );
    watcher.socket.close();
  });

  it("pushes every conversation of the user, created, retitled or deleted elsewhere, to a sidebar watcher", async () => {
    const { client, email, password } = await signedInClient(server.url);
    const { client: stranger } = await signedInClient(server.url, "stranger");
    const watcher = await rawSocket(client.transport.cookieHeader());
    watcher.socket.send(JSON.stringify({ type: "watchConversations", requestId: "all" }));
    await eventually(() => expect(watcher.frames).toContainEqual({ type: "ok", requestId: "all" }));

    const otherDevice = newClient(server.url);
    await otherDevice.auth.login({ email, password });
    const conversation = await otherDevice.conversations.create({ model: MODEL });
    await stranger.conversations.create({ model: MODEL });
    const sent = await otherDevice.messages.send(conversation.id, { content: "Plan a trip to Lisbon" });
    await collect(otherDevice.streams.read(sent.streamId));
    await otherDevice.conversations.remove(conversation.id);

    await eventually(() => {
      const changes = watcher.frames.flatMap((frame) =>
        frame.type === "conversation" ? [[frame.action, frame.conversationId, frame.conversation?.title]] : [],
      );
      expect(changes).toEqual([
        ["created", conversation.id, conversation.title],
        ["updated", conversation.id, "Plan a trip to Lisbon"],
        ["deleted", conversation.id, undefined],
      ]);
    });
    watcher.socket.close();
  });

  it("keeps the socket up after bad frames, answering each with an error frame", async () => {
    const { client } = await signedInClient(server.url);
    const { socket, frames } = await rawSocket(client.transport.cookieHeader());
    socket.send("{not json");
    socket.send(JSON.stringify({ type: "subscribe", requestId: "r1" }));
    socket.send(JSON.stringify({ type: "launch-missiles", requestId: "r2" }));
    socket.send(JSON.stringify(["array"]));
    socket.send(Buffer.from([1, 2, 3]), { binary: true });
    socket.send(JSON.stringify({ type: "ping", requestId: "alive" }));
    await eventually(() => expect(frames).toContainEqual({ type: "pong", requestId: "alive" }));
    const errors = frames.filter((frame) => frame.type === "error");
    expect(errors.map((frame) => frame.code)).toEqual([
      "invalid_json",
      "invalid_frame",
      "invalid_frame",
      "invalid_frame",
      "invalid_frame",
    ]);
    expect(errors[1]).toMatchObject({ requestId: "r1" });
    expect(socket.readyState).toBe(WebSocket.OPEN);
    socket.close();
  });

  it("answers not_found for someone else's conversation or stream, ignoring identities inside frames", async () => {
    const owner = await signedInClient(server.url, "owner");
    const intruder = await signedInClient(server.url, "intruder");
    const conversation = await owner.client.conversations.create({ model: MODEL });
    const { streamId } = await owner.client.messages.send(conversation.id, { content: "[[slow:30]] private" });
    const { socket, frames } = await rawSocket(intruder.client.transport.cookieHeader());
    const spoof = { userId: owner.user.id, sessionId: "whatever" };
    socket.send(JSON.stringify({ type: "watch", conversationId: conversation.id, requestId: "a", ...spoof }));
    socket.send(JSON.stringify({ type: "subscribe", streamId, requestId: "b", ...spoof }));
    socket.send(JSON.stringify({ type: "cancel", streamId, requestId: "c", ...spoof }));
    socket.send(
      JSON.stringify({ type: "send", conversationId: conversation.id, content: "x", requestId: "d", ...spoof }),
    );
    await eventually(() => expect(frames.filter((frame) => frame.type === "error")).toHaveLength(4));
    for (const frame of frames) expect(frame).toMatchObject({ type: "error", code: "not_found" });
    expect(frames.some((frame) => frame.type === "event")).toBe(false);
    const events = await collect(owner.client.streams.read(streamId));
    expect(events.at(-1)?.part.type).toBe("finish");
    socket.close();
  });

  it("closes a socket that sends an oversize frame, with 1009", async () => {
    const { client } = await signedInClient(server.url);
    const { socket, closed } = await rawSocket(client.transport.cookieHeader());
    socket.send(JSON.stringify({ type: "ping", requestId: "x".repeat(8000) }));
    expect(await closed).toBe(1009);
  });

  it("throttles a flooding socket and then closes it, leaving other sockets alone", async () => {
    const { client } = await signedInClient(server.url);
    const cookie = client.transport.cookieHeader();
    const flooder = await rawSocket(cookie);
    const bystander = await rawSocket(cookie);
    for (let index = 0; index < 200; index += 1) flooder.socket.send(JSON.stringify({ type: "ping" }));
    expect(await flooder.closed).toBe(1008);
    expect(flooder.frames.some((frame) => frame.type === "error" && frame.code === "rate_limited")).toBe(true);
    bystander.socket.send(JSON.stringify({ type: "ping", requestId: "still here" }));
    await eventually(() => expect(bystander.frames).toContainEqual({ type: "pong", requestId: "still here" }));
    bystander.socket.close();
  });

  it("cancels over the socket", async () => {
    const { client } = await signedInClient(server.url);
    const conversation = await client.conversations.create({ model: MODEL });
    const realtime = await client.connect();
    const accepted = await realtime.request({
      type: "send",
      conversationId: conversation.id,
      content: "[[slow:50]][[chunks:100]] long",
    });
    if (accepted.type !== "accepted") throw new Error("expected accepted");
    const events = [];
    for await (const event of realtime.subscribe(accepted.streamId)) {
      events.push(event);
      if (events.length === 4) await realtime.request({ type: "cancel", streamId: accepted.streamId });
    }
    expect(events.at(-1)?.part.type).toBe("abort");
    await eventually(async () =>
      expect((await client.messages.list(conversation.id)).at(-1)?.status).toBe("cancelled"),
    );
    realtime.close();
  });
});
