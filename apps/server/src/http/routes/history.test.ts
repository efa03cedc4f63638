import {
  applyConversationEvent,
  type ConversationState,
  emptyConversationState,
  stateFromSnapshot,
} from "@slipstream/client";
import type { ServerFrame, VersionedConversationEvent } from "@slipstream/protocol";
import { describe, expect, it } from "vitest";
import { eventually, rawTestSocket, signedInClient, useTestServer } from "../../../test/support.ts";

const server = useTestServer();

type Client = Awaited<ReturnType<typeof signedInClient>>["client"];

/** Every event of the conversation, read page by page. */
async function fullHistory(client: Client, conversationId: string, limit = 3) {
  const events: VersionedConversationEvent[] = [];
  for (let after = 0; ; ) {
    const page = await client.history.events(conversationId, { after, limit });
    events.push(...page.events);
    if (!page.hasMore) return events;
    after = page.nextAfter;
  }
}

async function settled(client: Client, conversationId: string) {
  await eventually(async () => {
    const messages = await client.messages.list(conversationId);
    expect(messages.filter((message) => message.status === "streaming")).toEqual([]);
  });
}

/** A shared conversation with a few of everything: messages from two people, a deleted branch, a rename, member changes. */
async function busyConversation() {
  const owner = await signedInClient(server.url, "owner");
  const editor = await signedInClient(server.url, "editor");
  const viewer = await signedInClient(server.url, "viewer");
  const conversation = await owner.client.conversations.create({ title: "History" });
  await owner.client.members.add(conversation.id, { email: editor.email, role: "editor" });
  await owner.client.messages.send(conversation.id, { content: "first from the owner" });
  await settled(owner.client, conversation.id);
  await editor.client.messages.send(conversation.id, { content: "then the editor" });
  await settled(owner.client, conversation.id);
  const { message: branch } = await owner.client.messages.send(conversation.id, { content: "gone", parentId: null });
  await settled(owner.client, conversation.id);
  await owner.client.messages.removeBranch(conversation.id, branch.id);
  await owner.client.conversations.update(conversation.id, { title: "Renamed" });
  await owner.client.members.add(conversation.id, { email: viewer.email, role: "viewer" });
  await owner.client.members.update(conversation.id, viewer.user.id, "editor");
  await owner.client.members.remove(conversation.id, editor.user.id);
  return { owner, editor, viewer, conversation };
}

const replay = (events: VersionedConversationEvent[], from: ConversationState = emptyConversationState()) =>
  events.reduce(applyConversationEvent, from);

describe("GET /api/conversations/:id/events", () => {
  it("pages through versions 1, 2, 3, … with no gap, and the replay rebuilds the conversation exactly", async () => {
    const { owner, viewer, conversation } = await busyConversation();
    const events = await fullHistory(viewer.client, conversation.id);
    expect(events.map((event) => event.version)).toEqual(events.map((_, index) => index + 1));
    expect(new Set(events.map((entry) => entry.event.type))).toEqual(
      new Set([
        "conversation.created",
        "conversation.updated",
        "member.added",
        "member.updated",
        "member.removed",
        "message.created",
        "message.updated",
        "message.deleted",
      ]),
    );
    const snapshot = await owner.client.history.snapshot(conversation.id);
    expect(snapshot.version).toBe(events.length);
    expect(replay(events)).toEqual(stateFromSnapshot(snapshot));
    expect(replay(events).messages).toEqual(await owner.client.messages.list(conversation.id));

    // From the middle: a client that had the first half needs only the rest.
    const half = Math.floor(events.length / 2);
    const rest = await viewer.client.history.events(conversation.id, { after: half });
    expect(rest.events).toEqual(events.slice(half));
    expect(replay(rest.events, replay(events.slice(0, half)))).toEqual(stateFromSnapshot(snapshot));
  });

  it("answers 404 to someone with no role, and 400 to a bad query", async () => {
    const { editor, owner, conversation } = await busyConversation();
    await expect(editor.client.history.events(conversation.id)).rejects.toMatchObject({ status: 404 });
    await expect(editor.client.history.snapshot(conversation.id)).rejects.toMatchObject({ status: 404 });
    await expect(owner.client.history.events(conversation.id, { after: -1 })).rejects.toMatchObject({ status: 400 });
  });
});

const eventFrames = (frames: ServerFrame[]) =>
  frames.flatMap((frame) => (frame.type === "conversationEvent" ? [frame] : []));

describe("WebSocket watch with after", () => {
  it("replays every event after a version, then follows live, and a reconnect resumes where it left", async () => {
    const { owner, viewer, conversation } = await busyConversation();
    const history = await fullHistory(owner.client, conversation.id);
    const cookie = viewer.client.transport.cookieHeader();
    const first = await rawTestSocket(server.url, cookie);
    first.socket.send(JSON.stringify({ type: "watch", conversationId: conversation.id, after: 2, requestId: "w" }));
    await eventually(() => expect(first.frames).toContainEqual({ type: "ok", requestId: "w" }));
    // The replay is all there before the `ok`.
    expect(eventFrames(first.frames).map((frame) => frame.version)).toEqual(history.slice(2).map((e) => e.version));

    await viewer.client.messages.send(conversation.id, { content: "live now" });
    await settled(owner.client, conversation.id);
    const seen = eventFrames(first.frames);
    first.socket.close();

    // Offline for a while: more happens.
    await owner.client.conversations.update(conversation.id, { title: "While you were away" });
    await owner.client.messages.send(conversation.id, { content: "missed this" });
    await settled(owner.client, conversation.id);

    const last = seen.at(-1)?.version ?? 0;
    const second = await rawTestSocket(server.url, cookie);
    second.socket.send(JSON.stringify({ type: "watch", conversationId: conversation.id, after: last, requestId: "w" }));
    const final = await fullHistory(owner.client, conversation.id);
    await eventually(() => expect(eventFrames(second.frames).at(-1)?.version).toBe(final.length));
    const received = [...seen, ...eventFrames(second.frames)].map(({ version, event }) => ({ version, event }));
    expect(received).toEqual(final.slice(2).map(({ version, event }) => ({ version, event })));
    second.socket.close();
  });

  it("gives every watcher the outbox's sequence exactly, across many disconnects while the conversation changes", async () => {
    const owner = await signedInClient(server.url, "owner");
    const editor = await signedInClient(server.url, "editor");
    const conversation = await owner.client.conversations.create({ title: "Churn" });
    await owner.client.members.add(conversation.id, { email: editor.email, role: "editor" });
    const cookie = editor.client.transport.cookieHeader();
    const received: { version: number; type: string }[] = [];
    let writing = true;
    const writer = (async () => {
      for (let round = 0; round < 6; round += 1) {
        await owner.client.conversations.update(conversation.id, { title: `Round ${round}` });
        await owner.client.messages.send(conversation.id, { content: `message ${round}` });
        await settled(owner.client, conversation.id);
      }
      writing = false;
    })();
    let reconnects = 0;
    while (writing || reconnects === 0) {
      const after = received.at(-1)?.version ?? 0;
      const watcher = await rawTestSocket(server.url, cookie);
      watcher.socket.send(JSON.stringify({ type: "watch", conversationId: conversation.id, after, requestId: "w" }));
      await eventually(() => expect(watcher.frames).toContainEqual({ type: "ok", requestId: "w" }));
      watcher.socket.close();
      await watcher.closed;
      received.push(...eventFrames(watcher.frames).map(({ version, event }) => ({ version, type: event.type })));
      reconnects += 1;
    }
    await writer;
    const final = await fullHistory(owner.client, conversation.id, 100);
    const watcher = await rawTestSocket(server.url, cookie);
    const after = received.at(-1)?.version ?? 0;
    watcher.socket.send(JSON.stringify({ type: "watch", conversationId: conversation.id, after, requestId: "w" }));
    await eventually(() => expect(watcher.frames).toContainEqual({ type: "ok", requestId: "w" }));
    received.push(...eventFrames(watcher.frames).map(({ version, event }) => ({ version, type: event.type })));
    watcher.socket.close();
    expect(reconnects).toBeGreaterThan(1);
    expect(received).toEqual(final.map(({ version, event }) => ({ version, type: event.type })));
  });
});

describe("a watcher's removal", () => {
  it("ends the watch of a member removed live, but not the replay of one removed and added back meanwhile", async () => {
    const owner = await signedInClient(server.url, "owner");
    const member = await signedInClient(server.url, "member");
    const conversation = await owner.client.conversations.create({ title: "Come back" });
    await owner.client.members.add(conversation.id, { email: member.email, role: "editor" });
    const cookie = member.client.transport.cookieHeader();
    const watch = async (after: number) => {
      const watcher = await rawTestSocket(server.url, cookie);
      watcher.socket.send(JSON.stringify({ type: "watch", conversationId: conversation.id, after, requestId: "w" }));
      await eventually(() => expect(watcher.frames).toContainEqual({ type: "ok", requestId: "w" }));
      return watcher;
    };
    const removed = { type: "conversation", conversationId: conversation.id, action: "removed" };

    const live = await watch(0);
    await owner.client.members.remove(conversation.id, member.user.id);
    await eventually(() => expect(live.frames).toContainEqual(removed));
    const removedAt = eventFrames(live.frames).at(-1)?.version ?? 0;
    live.socket.close();

    await owner.client.members.add(conversation.id, { email: member.email, role: "viewer" });
    const replay = await watch(removedAt - 1);
    await owner.client.conversations.update(conversation.id, { title: "Back again" });
    await eventually(() =>
      expect(eventFrames(replay.frames).map(({ event }) => event.type)).toEqual([
        "member.removed",
        "member.added",
        "conversation.updated",
      ]),
    );
    expect(replay.frames).not.toContainEqual(removed);
    replay.socket.close();
  });
});

describe("presence", () => {
  it("tells every watcher who is viewing and typing, and clears a socket's presence when it closes", async () => {
    const owner = await signedInClient(server.url, "Olive");
    const editor = await signedInClient(server.url, "Eddie");
    const conversation = await owner.client.conversations.create({ title: "Together" });
    await owner.client.members.add(conversation.id, { email: editor.email, role: "editor" });
    const mine = await rawTestSocket(server.url, owner.client.transport.cookieHeader());
    const theirs = await rawTestSocket(server.url, editor.client.transport.cookieHeader());
    for (const { socket } of [mine, theirs]) {
      socket.send(JSON.stringify({ type: "watch", conversationId: conversation.id }));
    }
    mine.socket.send(JSON.stringify({ type: "presence", conversationId: conversation.id, state: "viewing" }));
    theirs.socket.send(JSON.stringify({ type: "presence", conversationId: conversation.id, state: "typing" }));
    const latest = (frames: ServerFrame[]) => frames.filter((frame) => frame.type === "presence").at(-1);
    const both = {
      type: "presence",
      conversationId: conversation.id,
      users: [
        { id: editor.user.id, name: "Eddie", state: "typing" },
        { id: owner.user.id, name: "Olive", state: "viewing" },
      ],
    };
    await eventually(() => expect(latest(mine.frames)).toEqual(both));
    await eventually(() => expect(latest(theirs.frames)).toEqual(both));
    theirs.socket.close();
    await eventually(() =>
      expect(latest(mine.frames)).toEqual({
        type: "presence",
        conversationId: conversation.id,
        users: [{ id: owner.user.id, name: "Olive", state: "viewing" }],
      }),
    );
    const stranger = await signedInClient(server.url, "stranger");
    const theirSocket = await rawTestSocket(server.url, stranger.client.transport.cookieHeader());
    theirSocket.socket.send(
      JSON.stringify({ type: "presence", conversationId: conversation.id, state: "typing", requestId: "p" }),
    );
    await eventually(() =>
      expect(theirSocket.frames).toContainEqual(
        expect.objectContaining({ type: "error", code: "not_found", requestId: "p" }),
      ),
    );
    mine.socket.close();
    theirSocket.socket.close();
  });
});
