import type { ServerFrame } from "@slipstream/protocol";
import { describe, expect, it } from "vitest";
import { eventually, rawTestSocket, signedInClient, useTestServer } from "../../../test/support.ts";

const server = useTestServer();

/** An owner's conversation with one editor, one viewer, and a stranger who has no role in it. */
async function sharedConversation() {
  const owner = await signedInClient(server.url, "owner");
  const editor = await signedInClient(server.url, "editor");
  const viewer = await signedInClient(server.url, "viewer");
  const stranger = await signedInClient(server.url, "stranger");
  const conversation = await owner.client.conversations.create({ title: "Plans" });
  await owner.client.members.add(conversation.id, { email: editor.email, role: "editor" });
  await owner.client.members.add(conversation.id, { email: viewer.email.toUpperCase(), role: "viewer" });
  return { owner, editor, viewer, stranger, conversation };
}

type Outcome = "ok" | 403 | 404;
const outcome = (attempt: Promise<unknown>): Promise<Outcome> =>
  attempt.then(
    () => "ok",
    (error: { status: number }) => error.status as Outcome,
  );

describe("conversation members", () => {
  it("lists the owner and the members, and shows shared conversations in members' lists, marked", async () => {
    const { owner, editor, viewer, stranger, conversation } = await sharedConversation();
    const members = await viewer.client.members.list(conversation.id);
    expect(members.map(({ userId, role }) => [userId, role])).toEqual([
      [owner.user.id, "owner"],
      [editor.user.id, "editor"],
      [viewer.user.id, "viewer"],
    ]);
    expect(members[1]).toMatchObject({ email: editor.email, name: "editor" });
    expect((await editor.client.conversations.list()).map(({ id, role, shared }) => ({ id, role, shared }))).toEqual([
      { id: conversation.id, role: "editor", shared: true },
    ]);
    expect((await owner.client.conversations.list())[0]).toMatchObject({
      id: conversation.id,
      role: "owner",
      shared: true,
    });
    const own = await stranger.client.conversations.create();
    expect(await stranger.client.conversations.list()).toEqual([
      expect.objectContaining({ id: own.id, shared: false }),
    ]);
  });

  it("lets viewers read, editors also send and cancel, and only the owner manage, over HTTP", async () => {
    const { owner, editor, viewer, stranger, conversation } = await sharedConversation();
    const { streamId } = await owner.client.messages.send(conversation.id, { content: "first" });
    const actions = {
      read: (c: typeof owner.client) => c.conversations.get(conversation.id),
      messages: (c: typeof owner.client) => c.messages.list(conversation.id),
      members: (c: typeof owner.client) => c.members.list(conversation.id),
      stream: async (c: typeof owner.client) => {
        for await (const _ of c.streams.read(streamId)) break;
      },
      send: (c: typeof owner.client) => c.messages.send(conversation.id, { content: "hello", parentId: null }),
      cancel: (c: typeof owner.client) => c.streams.cancel(streamId),
      rename: (c: typeof owner.client) => c.conversations.update(conversation.id, { title: "Mine" }),
      invite: async (c: typeof owner.client) => {
        const someone = await signedInClient(server.url, "someone");
        await c.members.add(conversation.id, { email: someone.email, role: "viewer" });
      },
      changeRole: (c: typeof owner.client) => c.members.update(conversation.id, viewer.user.id, "viewer"),
    };
    const expected: Record<string, Record<keyof typeof actions, Outcome>> = {
      owner: {
        read: "ok",
        messages: "ok",
        members: "ok",
        stream: "ok",
        send: "ok",
        cancel: "ok",
        rename: "ok",
        invite: "ok",
        changeRole: "ok",
      },
      editor: {
        read: "ok",
        messages: "ok",
        members: "ok",
        stream: "ok",
        send: "ok",
        cancel: "ok",
        rename: 403,
        invite: 403,
        changeRole: 403,
      },
      viewer: {
        read: "ok",
        messages: "ok",
        members: "ok",
        stream: "ok",
        send: 403,
        cancel: 403,
        rename: 403,
        invite: 403,
        changeRole: 403,
      },
      stranger: {
        read: 404,
        messages: 404,
        members: 404,
        stream: 404,
        send: 404,
        cancel: 404,
        rename: 404,
        invite: 404,
        changeRole: 404,
      },
    };
    const clients = { owner, editor, viewer, stranger };
    const seen: Record<string, Record<string, Outcome>> = {};
    for (const [who, { client }] of Object.entries(clients)) {
      seen[who] = {};
      for (const [name, action] of Object.entries(actions)) seen[who][name] = await outcome(action(client));
    }
    expect(seen).toEqual(expected);
    for (const who of ["editor", "viewer", "stranger"] as const) {
      expect(await outcome(clients[who].client.conversations.remove(conversation.id))).toBe(
        who === "stranger" ? 404 : 403,
      );
    }
  });

  it("attributes each user message to its author", async () => {
    const { owner, editor, conversation } = await sharedConversation();
    const mine = await owner.client.messages.send(conversation.id, { content: "from the owner" });
    await eventually(async () =>
      expect((await owner.client.messages.list(conversation.id)).at(-1)?.status).toBe("complete"),
    );
    const theirs = await editor.client.messages.send(conversation.id, { content: "from the editor" });
    expect(mine.message.authorId).toBe(owner.user.id);
    expect(theirs.message.authorId).toBe(editor.user.id);
    expect(theirs.reply.authorId).toBeNull();
    const listed = await owner.client.messages.list(conversation.id);
    expect(listed.find((message) => message.id === theirs.message.id)?.authorId).toBe(editor.user.id);
  });

  it("changes roles, removes members, and lets a member leave; the owner cannot leave", async () => {
    const { owner, editor, viewer, stranger, conversation } = await sharedConversation();
    await expect(owner.client.members.update(conversation.id, viewer.user.id, "editor")).resolves.toMatchObject({
      role: "editor",
    });
    await expect(viewer.client.messages.send(conversation.id, { content: "promoted" })).resolves.toBeDefined();
    await owner.client.members.update(conversation.id, viewer.user.id, "viewer");
    await expect(viewer.client.messages.send(conversation.id, { content: "demoted" })).rejects.toMatchObject({
      status: 403,
      code: "forbidden",
    });

    await editor.client.members.remove(conversation.id, editor.user.id);
    await expect(editor.client.conversations.get(conversation.id)).rejects.toMatchObject({ status: 404 });
    expect(await editor.client.conversations.list()).toEqual([]);
    await expect(viewer.client.members.remove(conversation.id, owner.user.id)).rejects.toMatchObject({ status: 403 });
    await owner.client.members.remove(conversation.id, viewer.user.id);
    await expect(viewer.client.messages.list(conversation.id)).rejects.toMatchObject({ status: 404 });
    await expect(owner.client.members.remove(conversation.id, owner.user.id)).rejects.toMatchObject({ status: 400 });
    await expect(owner.client.members.remove(conversation.id, stranger.user.id)).rejects.toMatchObject({ status: 404 });
    expect((await owner.client.members.list(conversation.id)).map((member) => member.role)).toEqual(["owner"]);
  });

  it("refuses an unknown email, the owner's own email and a bad role", async () => {
    const { owner, conversation } = await sharedConversation();
    await expect(
      owner.client.members.add(conversation.id, { email: "nobody@example.test", role: "viewer" }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      owner.client.members.add(conversation.id, { email: owner.email, role: "editor" }),
    ).rejects.toMatchObject({ status: 409 });
    await expect(
      owner.client.members.add(conversation.id, { email: owner.email, role: "owner" as "editor" }),
    ).rejects.toMatchObject({ status: 400, code: "invalid_request" });
  });
});

describe("conversation members over the WebSocket", () => {
  const framesOf = (frames: ServerFrame[], type: ServerFrame["type"]) => frames.filter((frame) => frame.type === type);

  it("lets a viewer watch but not send or cancel, and an editor send", async () => {
    const { owner, editor, viewer, conversation } = await sharedConversation();
    const viewing = await rawTestSocket(server.url, viewer.client.transport.cookieHeader());
    const editing = await rawTestSocket(server.url, editor.client.transport.cookieHeader());
    viewing.socket.send(JSON.stringify({ type: "watch", conversationId: conversation.id, requestId: "w" }));
    await eventually(() => expect(viewing.frames).toContainEqual({ type: "ok", requestId: "w" }));
    viewing.socket.send(
      JSON.stringify({ type: "send", conversationId: conversation.id, content: "hi", requestId: "s" }),
    );
    await eventually(() =>
      expect(viewing.frames).toContainEqual(
        expect.objectContaining({ type: "error", code: "forbidden", requestId: "s" }),
      ),
    );
    editing.socket.send(
      JSON.stringify({ type: "send", conversationId: conversation.id, content: "from editor", requestId: "e" }),
    );
    const accepted = await eventually(() => {
      const frame = editing.frames.find((f) => f.type === "accepted");
      if (frame?.type !== "accepted") throw new Error("not accepted yet");
      return frame;
    });
    viewing.socket.send(JSON.stringify({ type: "cancel", streamId: accepted.streamId, requestId: "c" }));
    await eventually(() =>
      expect(viewing.frames).toContainEqual(
        expect.objectContaining({ type: "error", code: "forbidden", requestId: "c" }),
      ),
    );
    // The viewer's watch sees the editor's message, attributed, and the reply finishing.
    await eventually(() => {
      const messages = framesOf(viewing.frames, "message").map((frame) => frame.type === "message" && frame.message);
      expect(messages).toContainEqual(expect.objectContaining({ content: "from editor", authorId: editor.user.id }));
      expect(messages).toContainEqual(expect.objectContaining({ role: "assistant", status: "complete" }));
    });
    expect(owner.user.id).not.toBe(editor.user.id);
    viewing.socket.close();
    editing.socket.close();
  });

  it("tells a removed member's watches at once, and sends them nothing more", async () => {
    const { owner, viewer, conversation } = await sharedConversation();
    const viewing = await rawTestSocket(server.url, viewer.client.transport.cookieHeader());
    viewing.socket.send(JSON.stringify({ type: "watch", conversationId: conversation.id, requestId: "w" }));
    viewing.socket.send(JSON.stringify({ type: "watchConversations", requestId: "all" }));
    await eventually(() => {
      expect(viewing.frames).toContainEqual({ type: "ok", requestId: "w" });
      expect(viewing.frames).toContainEqual({ type: "ok", requestId: "all" });
    });
    await owner.client.members.remove(conversation.id, viewer.user.id);
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
    // A watcher who still had access would have had these by now: the owner's socket, watching since before them.
    viewing.socket.send(JSON.stringify({ type: "ping", requestId: "p" }));
    await eventually(() => expect(viewing.frames).toContainEqual({ type: "pong", requestId: "p" }));
    expect(viewing.frames.slice(before)).toEqual([{ type: "pong", requestId: "p" }]);
    viewing.socket.close();
  });

  it("brings a conversation shared with someone into their live list, and its changes after", async () => {
    const owner = await signedInClient(server.url, "owner");
    const guest = await signedInClient(server.url, "guest");
    const conversation = await owner.client.conversations.create({ title: "Invite" });
    const listing = await rawTestSocket(server.url, guest.client.transport.cookieHeader());
    listing.socket.send(JSON.stringify({ type: "watchConversations", requestId: "all" }));
    await eventually(() => expect(listing.frames).toContainEqual({ type: "ok", requestId: "all" }));
    await owner.client.members.add(conversation.id, { email: guest.email, role: "viewer" });
    await owner.client.conversations.update(conversation.id, { title: "Renamed for all" });
    await eventually(() =>
      expect(
        framesOf(listing.frames, "conversation").map(
          (frame) => frame.type === "conversation" && [frame.action, frame.conversation?.title],
        ),
      ).toEqual([
        ["created", "Invite"],
        ["updated", "Renamed for all"],
      ]),
    );
    listing.socket.close();
  });
});

describe("turns in a shared conversation", () => {
  it("refuses a send on a branch whose reply is still streaming with 409 turn_in_progress", async () => {
    const owner = await signedInClient(server.url, "owner");
    const editor = await signedInClient(server.url, "editor");
    const conversation = await owner.client.conversations.create();
    await owner.client.members.add(conversation.id, { email: editor.email, role: "editor" });
    const long = "word ".repeat(400);
    const { reply } = await owner.client.messages.send(conversation.id, { content: long });
    await expect(editor.client.messages.send(conversation.id, { content: "me too" })).rejects.toMatchObject({
      status: 409,
      code: "turn_in_progress",
    });
    await expect(
      editor.client.messages.send(conversation.id, { content: "me too", parentId: reply.id }),
    ).rejects.toMatchObject({ status: 409, code: "turn_in_progress" });
    await eventually(async () =>
      expect((await owner.client.messages.list(conversation.id)).at(-1)?.status).toBe("complete"),
    );
    await expect(editor.client.messages.send(conversation.id, { content: "now" })).resolves.toMatchObject({
      message: { parentId: reply.id, authorId: editor.user.id },
    });
  });
});
