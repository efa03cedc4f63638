import type { ServerFrame } from "@slipstream/protocol";
import { describe, expect, it } from "vitest";
import { eventually, rawTestSocket, signedInClient, useTestServer } from "../../../test/support.ts";

const server = useTestServer();

/** A space with an owner, an editor and a viewer, a stranger outside it, and a conversation the editor started in it. */
async function spaceWithPeople() {
  const owner = await signedInClient(server.url, "owner");
  const editor = await signedInClient(server.url, "editor");
  const viewer = await signedInClient(server.url, "viewer");
  const stranger = await signedInClient(server.url, "stranger");
  const space = await owner.client.spaces.create({ name: "Research" });
  await owner.client.spaces.members.add(space.id, { email: editor.email, role: "editor" });
  await owner.client.spaces.members.add(space.id, { email: viewer.email.toUpperCase(), role: "viewer" });
  const conversation = await editor.client.conversations.create({ title: "Quasar notes", spaceId: space.id });
  return { owner, editor, viewer, stranger, space, conversation };
}

type Outcome = "ok" | 400 | 403 | 404 | 409;
const outcome = (attempt: Promise<unknown>): Promise<Outcome> =>
  attempt.then(
    () => "ok",
    (error: { status: number }) => error.status as Outcome,
  );

const framesOf = (frames: ServerFrame[], type: ServerFrame["type"]) => frames.filter((frame) => frame.type === type);

describe("spaces", () => {
  it("creates a space owned by its creator, lists, reads and renames it, and refuses bad names", async () => {
    const owner = await signedInClient(server.url, "owner");
    const stranger = await signedInClient(server.url, "stranger");
    const space = await owner.client.spaces.create({ name: "  Research  " });
    expect(space).toMatchObject({ name: "Research", role: "owner" });
    expect(await owner.client.spaces.list()).toEqual([space]);
    expect(await owner.client.spaces.get(space.id)).toEqual(space);
    await expect(owner.client.spaces.update(space.id, { name: "Lab" })).resolves.toMatchObject({ name: "Lab" });
    expect((await owner.client.spaces.list()).map((entry) => entry.name)).toEqual(["Lab"]);
    await expect(owner.client.spaces.create({ name: " " })).rejects.toMatchObject({
      status: 400,
      code: "invalid_request",
    });
    expect(await stranger.client.spaces.list()).toEqual([]);
    for (const attempt of [
      () => stranger.client.spaces.get(space.id),
      () => stranger.client.spaces.update(space.id, { name: "Mine" }),
      () => stranger.client.spaces.remove(space.id),
      () => stranger.client.spaces.members.list(space.id),
    ]) {
      expect(await outcome(attempt())).toBe(404);
    }
  });

  it("lets only the owner manage the space, and everyone in it read it, over HTTP", async () => {
    const { owner, editor, viewer, stranger, space } = await spaceWithPeople();
    const actions = {
      read: (c: typeof owner.client) => c.spaces.get(space.id),
      members: (c: typeof owner.client) => c.spaces.members.list(space.id),
      rename: (c: typeof owner.client) => c.spaces.update(space.id, { name: "Renamed" }),
      invite: async (c: typeof owner.client) => {
        const someone = await signedInClient(server.url, "someone");
        await c.spaces.members.add(space.id, { email: someone.email, role: "viewer" });
      },
      changeRole: (c: typeof owner.client) => c.spaces.members.update(space.id, viewer.user.id, "viewer"),
      startConversation: (c: typeof owner.client) => c.conversations.create({ spaceId: space.id }),
    };
    const expected: Record<string, Record<keyof typeof actions, Outcome>> = {
      owner: { read: "ok", members: "ok", rename: "ok", invite: "ok", changeRole: "ok", startConversation: "ok" },
      editor: { read: "ok", members: "ok", rename: 403, invite: 403, changeRole: 403, startConversation: "ok" },
      viewer: { read: "ok", members: "ok", rename: 403, invite: 403, changeRole: 403, startConversation: 403 },
      stranger: { read: 404, members: 404, rename: 404, invite: 404, changeRole: 404, startConversation: 404 },
    };
    const clients = { owner, editor, viewer, stranger };
    const seen: Record<string, Record<string, Outcome>> = {};
    for (const [who, { client }] of Object.entries(clients)) {
      seen[who] = {};
      for (const [name, action] of Object.entries(actions)) seen[who][name] = await outcome(action(client));
    }
    expect(seen).toEqual(expected);
    expect((await viewer.client.spaces.get(space.id)).role).toBe("viewer");
    expect((await editor.client.spaces.list()).map(({ id, role }) => [id, role])).toEqual([[space.id, "editor"]]);
  });

  it("gives the space's people their space role in its conversations", async () => {
    const { owner, editor, viewer, stranger, conversation } = await spaceWithPeople();
    const actions = {
      read: (c: typeof owner.client) => c.conversations.get(conversation.id),
      messages: (c: typeof owner.client) => c.messages.list(conversation.id),
      send: (c: typeof owner.client) => c.messages.send(conversation.id, { content: "hello", parentId: null }),
      rename: (c: typeof owner.client) => c.conversations.update(conversation.id, { title: "Renamed" }),
    };
    const expected: Record<string, Record<keyof typeof actions, Outcome>> = {
      owner: { read: "ok", messages: "ok", send: "ok", rename: "ok" },
      editor: { read: "ok", messages: "ok", send: "ok", rename: "ok" },
      viewer: { read: "ok", messages: "ok", send: 403, rename: 403 },
      stranger: { read: 404, messages: 404, send: 404, rename: 404 },
    };
    const clients = { owner, editor, viewer, stranger };
    const seen: Record<string, Record<string, Outcome>> = {};
    for (const [who, { client }] of Object.entries(clients)) {
      seen[who] = {};
      for (const [name, action] of Object.entries(actions)) seen[who][name] = await outcome(action(client));
    }
    expect(seen).toEqual(expected);
    const listed = (await viewer.client.conversations.list()).map(({ id, role, spaceId }) => ({ id, role, spaceId }));
    expect(listed).toEqual([{ id: conversation.id, role: "viewer", spaceId: conversation.spaceId }]);
    expect((await owner.client.conversations.list())[0]).toMatchObject({ id: conversation.id, role: "owner" });
    expect(await stranger.client.conversations.list()).toEqual([]);
  });

  it("filters the conversation list by space, and finds a space's conversations in its members' searches", async () => {
    const { editor, viewer, stranger, space, conversation } = await spaceWithPeople();
    const own = await editor.client.conversations.create({ title: "Private quasar" });
    expect((await editor.client.conversations.list()).map(({ id }) => id).sort()).toEqual(
      [conversation.id, own.id].sort(),
    );
    expect((await editor.client.conversations.list({ spaceId: space.id })).map(({ id }) => id)).toEqual([
      conversation.id,
    ]);
    await expect(stranger.client.conversations.list({ spaceId: space.id })).rejects.toMatchObject({ status: 404 });
    const results = await viewer.client.search("quasar");
    expect(results.map((result) => result.conversationId)).toEqual([conversation.id]);
    expect(await stranger.client.search("quasar")).toEqual([]);
  });

  it("moves a conversation into and out of a space by PATCH", async () => {
    const { owner, editor, viewer, stranger, space } = await spaceWithPeople();
    const mine = await editor.client.conversations.create({ title: "Moving" });
    expect(mine.spaceId).toBeNull();
    await expect(viewer.client.conversations.get(mine.id)).rejects.toMatchObject({ status: 404 });
    await expect(editor.client.conversations.update(mine.id, { spaceId: space.id })).resolves.toMatchObject({
      spaceId: space.id,
    });
    await expect(viewer.client.conversations.get(mine.id)).resolves.toMatchObject({ id: mine.id });
    await expect(editor.client.conversations.update(mine.id, { spaceId: null })).resolves.toMatchObject({
      spaceId: null,
    });
    await expect(viewer.client.conversations.get(mine.id)).rejects.toMatchObject({ status: 404 });
    // Into a space one cannot contribute to: not at all.
    const strangers = await stranger.client.conversations.create();
    await expect(stranger.client.conversations.update(strangers.id, { spaceId: space.id })).rejects.toMatchObject({
      status: 404,
    });
    const viewers = await viewer.client.conversations.create();
    await expect(viewer.client.conversations.update(viewers.id, { spaceId: space.id })).rejects.toMatchObject({
      status: 403,
    });
    expect(await owner.client.conversations.get(strangers.id).catch((error) => error.status)).toBe(404);
  });

  it("imports an export made before spaces, and brings a conversation exported from a space in outside any space", async () => {
    const { editor, stranger, conversation } = await spaceWithPeople();
    const exported = await editor.client.exports.all();
    const fromSpace = exported.conversations.find((entry) => entry.conversation.id === conversation.id);
    expect(fromSpace?.conversation.spaceId).toBe(conversation.spaceId);
    const beforeSpaces = {
      ...exported,
      conversations: exported.conversations.map(({ conversation: { spaceId: _, ...rest }, messages }) => ({
        conversation: rest,
        messages,
      })),
    };
    for (const body of [exported, beforeSpaces]) {
      const started = await stranger.client.imports.start(body);
      const done = await eventually(async () => {
        const current = await stranger.client.imports.get(started.id);
        expect(current.status).toBe("complete");
        return current;
      }, 30_000);
      for (const id of done.conversationIds) {
        await expect(stranger.client.conversations.get(id)).resolves.toMatchObject({ spaceId: null });
      }
      expect(done.conversationIds).toHaveLength(1);
    }
  });

  it("refuses to delete a space that holds conversations, then deletes it once they are out", async () => {
    const { owner, editor, space, conversation } = await spaceWithPeople();
    await expect(editor.client.spaces.remove(space.id)).rejects.toMatchObject({ status: 403 });
    await expect(owner.client.spaces.remove(space.id)).rejects.toMatchObject({ status: 409, code: "conflict" });
    await editor.client.conversations.update(conversation.id, { spaceId: null });
    await owner.client.spaces.remove(space.id);
    await expect(owner.client.spaces.get(space.id)).rejects.toMatchObject({ status: 404 });
    expect(await editor.client.spaces.list()).toEqual([]);
    await expect(editor.client.conversations.get(conversation.id)).resolves.toMatchObject({ spaceId: null });
  });
});

describe("space members", () => {
  it("lists the owner first, changes roles, removes members and lets a member leave; the owner cannot", async () => {
    const { owner, editor, viewer, stranger, space, conversation } = await spaceWithPeople();
    expect((await viewer.client.spaces.members.list(space.id)).map(({ userId, role }) => [userId, role])).toEqual([
      [owner.user.id, "owner"],
      [editor.user.id, "editor"],
      [viewer.user.id, "viewer"],
    ]);
    await owner.client.spaces.members.update(space.id, viewer.user.id, "editor");
    await expect(viewer.client.messages.send(conversation.id, { content: "promoted" })).resolves.toBeDefined();
    await owner.client.spaces.members.update(space.id, viewer.user.id, "viewer");
    await expect(viewer.client.messages.send(conversation.id, { content: "demoted" })).rejects.toMatchObject({
      status: 403,
      code: "forbidden",
    });
    // Removed: no access at once, to the space or its conversations.
    await owner.client.spaces.members.remove(space.id, viewer.user.id);
    await expect(viewer.client.conversations.get(conversation.id)).rejects.toMatchObject({ status: 404 });
    await expect(viewer.client.spaces.get(space.id)).rejects.toMatchObject({ status: 404 });
    expect(await viewer.client.conversations.list()).toEqual([]);
    // Leaving.
    await editor.client.spaces.members.remove(space.id, editor.user.id);
    expect(await editor.client.spaces.list()).toEqual([]);
    // The conversation's owner keeps their conversation, in the space they left.
    await expect(editor.client.conversations.get(conversation.id)).resolves.toMatchObject({ spaceId: space.id });
    await expect(owner.client.spaces.members.remove(space.id, owner.user.id)).rejects.toMatchObject({ status: 400 });
    await expect(owner.client.spaces.members.remove(space.id, stranger.user.id)).rejects.toMatchObject({
      status: 404,
    });
  });

  it("refuses an unknown email, the owner's own email and a bad role", async () => {
    const { owner, space } = await spaceWithPeople();
    await expect(
      owner.client.spaces.members.add(space.id, { email: "nobody@example.test", role: "viewer" }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      owner.client.spaces.members.add(space.id, { email: owner.email, role: "editor" }),
    ).rejects.toMatchObject({ status: 409 });
    await expect(
      owner.client.spaces.members.add(space.id, { email: owner.email, role: "owner" as "editor" }),
    ).rejects.toMatchObject({ status: 400, code: "invalid_request" });
  });
});

describe("spaces over the WebSocket", () => {
  it("brings a space's conversations into a new member's live list, and new ones started in it", async () => {
    const { owner, stranger: guest, space, conversation } = await spaceWithPeople();
    const listing = await rawTestSocket(server.url, guest.client.transport.cookieHeader());
    listing.socket.send(JSON.stringify({ type: "watchConversations", requestId: "all" }));
    await eventually(() => expect(listing.frames).toContainEqual({ type: "ok", requestId: "all" }));
    await owner.client.spaces.members.add(space.id, { email: guest.email, role: "viewer" });
    const later = await owner.client.conversations.create({ title: "Started later", spaceId: space.id });
    await owner.client.conversations.update(conversation.id, { title: "Renamed for all" });
    await eventually(() =>
      expect(
        framesOf(listing.frames, "conversation").map(
          (frame) => frame.type === "conversation" && [frame.action, frame.conversationId, frame.conversation?.title],
        ),
      ).toEqual([
        ["created", conversation.id, "Quasar notes"],
        ["created", later.id, "Started later"],
        ["updated", conversation.id, "Renamed for all"],
      ]),
    );
    listing.socket.close();
  });

  it("tells a removed space member's watches at once, and sends them nothing more", async () => {
    const { owner, viewer, space, conversation } = await spaceWithPeople();
    const viewing = await rawTestSocket(server.url, viewer.client.transport.cookieHeader());
    viewing.socket.send(JSON.stringify({ type: "watch", conversationId: conversation.id, requestId: "w" }));
    viewing.socket.send(JSON.stringify({ type: "watchConversations", requestId: "all" }));
    await eventually(() => {
      expect(viewing.frames).toContainEqual({ type: "ok", requestId: "w" });
      expect(viewing.frames).toContainEqual({ type: "ok", requestId: "all" });
    });
    await owner.client.spaces.members.remove(space.id, viewer.user.id);
    await eventually(() =>
      expect(framesOf(viewing.frames, "conversation")).toEqual([
        { type: "conversation", conversationId: conversation.id, action: "removed" },
        { type: "conversation", conversationId: conversation.id, action: "removed" },
      ]),
    );
    const before = viewing.frames.length;
    await owner.client.conversations.update(conversation.id, { title: "Secret now" });
    const { reply } = await owner.client.messages.send(conversation.id, { content: "not for the viewer" });
    await eventually(async () =>
      expect((await owner.client.messages.list(conversation.id)).find((m) => m.id === reply.id)?.status).toBe(
        "complete",
      ),
    );
    viewing.socket.send(JSON.stringify({ type: "ping", requestId: "p" }));
    await eventually(() => expect(viewing.frames).toContainEqual({ type: "pong", requestId: "p" }));
    expect(viewing.frames.slice(before)).toEqual([{ type: "pong", requestId: "p" }]);
    viewing.socket.close();
  });

  it("cuts the reply streams a removed space member follows, over the socket and over SSE", async () => {
    const { owner, viewer, space, conversation } = await spaceWithPeople();
    const answer = "word ".repeat(150).trim();
    const sent = await owner.client.messages.send(conversation.id, {
      content: `[[slow:40]][[chunks:150]][[reply:${answer}]]`,
    });
    const socket = await rawTestSocket(server.url, viewer.client.transport.cookieHeader());
    socket.socket.send(JSON.stringify({ type: "subscribe", streamId: sent.streamId, requestId: "s" }));
    let sseEvents = 0;
    const following = (async () => {
      for await (const _ of viewer.client.streams.read(sent.streamId)) sseEvents += 1;
    })().then(
      () => "ended",
      (error: { code?: string }) => error.code ?? String(error),
    );
    await eventually(() => {
      expect(socket.frames.filter((frame) => "streamId" in frame).length).toBeGreaterThan(3);
      expect(sseEvents).toBeGreaterThan(3);
    });

    await owner.client.spaces.members.remove(space.id, viewer.user.id);
    await eventually(() =>
      expect(socket.frames).toContainEqual(
        expect.objectContaining({ type: "error", code: "not_found", requestId: "s" }),
      ),
    );
    expect(await following).toBe("not_found");
    expect(socket.frames.filter((frame) => frame.type === "done")).toEqual([]);
    socket.socket.close();
  });

  it("ends a space member's watches when the conversation leaves the space, and replays history up to there", async () => {
    const { editor, viewer, conversation } = await spaceWithPeople();
    const viewing = await rawTestSocket(server.url, viewer.client.transport.cookieHeader());
    const following = await rawTestSocket(server.url, viewer.client.transport.cookieHeader());
    viewing.socket.send(JSON.stringify({ type: "watch", conversationId: conversation.id, requestId: "w" }));
    viewing.socket.send(JSON.stringify({ type: "watchConversations", requestId: "all" }));
    following.socket.send(JSON.stringify({ type: "watch", conversationId: conversation.id, after: 0, requestId: "h" }));
    await eventually(() => {
      for (const requestId of ["w", "all"]) expect(viewing.frames).toContainEqual({ type: "ok", requestId });
      expect(framesOf(following.frames, "conversationEvent")).toHaveLength(1);
    });
    await editor.client.conversations.update(conversation.id, { spaceId: null });
    const removed = { type: "conversation", conversationId: conversation.id, action: "removed" };
    await eventually(() => {
      expect(framesOf(viewing.frames, "conversation")).toEqual([removed, removed]);
      expect(framesOf(following.frames, "conversation")).toEqual([removed]);
    });
    // The history watch had the move itself (the event that ended their role), and nothing after.
    expect(
      framesOf(following.frames, "conversationEvent").map(
        (frame) => frame.type === "conversationEvent" && frame.version,
      ),
    ).toEqual([1, 2]);
    const before = [viewing.frames.length, following.frames.length];
    const owning = await rawTestSocket(server.url, editor.client.transport.cookieHeader());
    owning.socket.send(JSON.stringify({ type: "watchConversations", requestId: "all" }));
    await eventually(() => expect(owning.frames).toContainEqual({ type: "ok", requestId: "all" }));
    await editor.client.conversations.update(conversation.id, { title: "Private now" });
    // A watcher who still had access would have it by now: the owner's socket has it.
    await eventually(() =>
      expect(framesOf(owning.frames, "conversation")).toContainEqual(
        expect.objectContaining({ action: "updated", conversation: expect.objectContaining({ title: "Private now" }) }),
      ),
    );
    for (const socket of [viewing, following]) {
      socket.socket.send(JSON.stringify({ type: "ping", requestId: "p" }));
      await eventually(() => expect(socket.frames).toContainEqual({ type: "pong", requestId: "p" }));
    }
    expect(viewing.frames.slice(before[0])).toEqual([{ type: "pong", requestId: "p" }]);
    expect(following.frames.slice(before[1])).toEqual([{ type: "pong", requestId: "p" }]);
    for (const socket of [viewing, following, owning]) socket.socket.close();
  });

  it("records space changes as events in the histories of its conversations", async () => {
    const { owner, viewer, space, conversation } = await spaceWithPeople();
    await owner.client.spaces.update(space.id, { name: "Lab" });
    await owner.client.spaces.members.update(space.id, viewer.user.id, "editor");
    const { events } = await viewer.client.history.events(conversation.id);
    expect(events.map(({ event }) => event.type)).toEqual([
      "conversation.created",
      "space.renamed",
      "space.member.updated",
    ]);
    expect(events[1]?.event).toEqual({ type: "space.renamed", spaceId: space.id, name: "Lab" });
  });
});
