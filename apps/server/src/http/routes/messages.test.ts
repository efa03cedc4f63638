import { parseEventStream } from "@slipstream/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeProvider } from "../../../test/fake-provider/index.ts";
import {
  collect,
  eventually,
  FAKE_MODEL,
  signedInClient,
  startServerWithFakeProvider,
  type TestServer,
  textOf,
} from "../../../test/support.ts";

let server: TestServer;
let fake: FakeProvider;
let stop: () => Promise<void>;
const MODEL = FAKE_MODEL;

beforeAll(async () => {
  ({ server, fake, stop } = await startServerWithFakeProvider());
});
afterAll(() => stop());

const lastRequestMessages = () => fake.requests.at(-1)?.messages.map(({ role, text }) => ({ role, content: text }));

/** A send as an AI SDK client makes it: `Accept: text/event-stream`. */
const sendAcceptingStream = (
  client: { transport: { cookieHeader(): string } },
  conversationId: string,
  content: string,
) =>
  fetch(new URL(`/api/conversations/${conversationId}/messages`, server.url), {
    method: "POST",
    headers: {
      cookie: client.transport.cookieHeader(),
      "content-type": "application/json",
      accept: "text/event-stream",
    },
    body: JSON.stringify({ content }),
  });

describe("messages", () => {
  it("answers a send that accepts text/event-stream with the reply's stream itself, resumable by its stream id", async () => {
    const { client } = await signedInClient(server.url);
    const conversation = await client.conversations.create({ model: MODEL });
    const response = await sendAcceptingStream(client, conversation.id, "Hello in one request");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(response.headers.get("x-vercel-ai-ui-message-stream")).toBe("v1");
    const streamId = response.headers.get("x-slipstream-stream-id");
    const replyId = response.headers.get("x-slipstream-reply-id");
    expect(streamId).toBeTruthy();
    const frames = [];
    if (response.body) for await (const frame of parseEventStream(response.body)) frames.push(frame);
    expect(frames.at(-1)?.data).toBe("[DONE]");
    const events = frames.slice(0, -1).map((frame) => ({ seq: Number(frame.id), part: JSON.parse(frame.data) }));
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    expect(events[0]?.part).toEqual({ type: "start", messageId: replyId });
    expect(textOf(events)).toBe("Echo: Hello in one request");

    const messages = await client.messages.list(conversation.id);
    expect(messages.map(({ id, role, content }) => ({ id, role, content }))).toEqual([
      { id: response.headers.get("x-slipstream-message-id"), role: "user", content: "Hello in one request" },
      { id: replyId, role: "assistant", content: "Echo: Hello in one request" },
    ]);
    // The same stream stays readable from any offset, as any stream is.
    expect(textOf(await collect(client.streams.read(streamId as string, { after: 3 })))).toBe(
      textOf(events.filter((event) => event.seq > 3)),
    );
  });

  it("sends and streams in one request through the SDK", async () => {
    const { client } = await signedInClient(server.url);
    const conversation = await client.conversations.create({ model: MODEL });
    const { streamId, replyId, events } = await client.messages.sendAndStream(conversation.id, { content: "via SDK" });
    const read = await collect(events);
    expect(textOf(read)).toBe("Echo: via SDK");
    expect((await client.messages.list(conversation.id)).find((message) => message.id === replyId)).toMatchObject({
      streamId,
      content: "Echo: via SDK",
    });
  });

  it("answers a send with an error status, not a stream, when it is refused", async () => {
    const { client } = await signedInClient(server.url);
    const response = await sendAcceptingStream(client, "00000000-0000-7000-8000-000000000000", "nobody");
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "not_found" } });
  });

  it("streams the answer and persists exactly the streamed text, titling the conversation", async () => {
    const { client } = await signedInClient(server.url);
    const conversation = await client.conversations.create({ model: MODEL });
    const sent = await client.messages.send(conversation.id, { content: "Hello there, model" });
    expect(sent.message).toMatchObject({ role: "user", content: "Hello there, model", parentId: null });
    expect(sent.reply).toMatchObject({
      role: "assistant",
      status: "streaming",
      parentId: sent.message.id,
      model: MODEL,
    });

    const events = await collect(client.streams.read(sent.streamId));
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    expect(textOf(events)).toBe("Echo: Hello there, model");
    expect(events.at(-1)?.part.type).toBe("finish");

    const messages = await client.messages.list(conversation.id);
    expect(messages.map(({ role, content, status }) => ({ role, content, status }))).toEqual([
      { role: "user", content: "Hello there, model", status: "complete" },
      { role: "assistant", content: "Echo: Hello there, model", status: "complete" },
    ]);
    expect((await client.conversations.get(conversation.id)).title).toBe("Hello there, model");
  });

  it("continues from the newest message, and the model sees the whole path", async () => {
    const { client } = await signedInClient(server.url);
    const conversation = await client.conversations.create({ model: MODEL });
    const first = await client.messages.send(conversation.id, { content: "one" });
    await collect(client.streams.read(first.streamId));
    const second = await client.messages.send(conversation.id, { content: "two" });
    await collect(client.streams.read(second.streamId));
    expect(second.message.parentId).toBe(first.reply.id);
    expect(lastRequestMessages()).toEqual([
      { role: "user", content: "one" },
      { role: "assistant", content: "Echo: one" },
      { role: "user", content: "two" },
    ]);
  });

  it("edits by branching from an earlier message; the model sees only the new branch", async () => {
    const { client } = await signedInClient(server.url);
    const conversation = await client.conversations.create({ model: MODEL });
    const first = await client.messages.send(conversation.id, { content: "original question" });
    await collect(client.streams.read(first.streamId));
    const later = await client.messages.send(conversation.id, { content: "follow-up" });
    await collect(client.streams.read(later.streamId));

    const edit = await client.messages.send(conversation.id, { content: "edited question", parentId: null });
    await collect(client.streams.read(edit.streamId));
    expect(edit.message.parentId).toBeNull();
    expect(lastRequestMessages()).toEqual([{ role: "user", content: "edited question" }]);

    const editFollowUp = await client.messages.send(conversation.id, {
      content: "edited follow-up",
      parentId: first.reply.id,
    });
    await collect(client.streams.read(editFollowUp.streamId));
    expect(lastRequestMessages()).toEqual([
      { role: "user", content: "original question" },
      { role: "assistant", content: "Echo: original question" },
      { role: "user", content: "edited follow-up" },
    ]);
    const messages = await client.messages.list(conversation.id);
    expect(messages.filter((message) => message.parentId === first.reply.id).map((m) => m.content)).toEqual([
      "follow-up",
      "edited follow-up",
    ]);
  });

  it("regenerates: a second reply to the same user message, with the same history", async () => {
    const { client } = await signedInClient(server.url);
    const conversation = await client.conversations.create({ model: MODEL });
    const first = await client.messages.send(conversation.id, { content: "[[reply:first answer]] q" });
    await collect(client.streams.read(first.streamId));
    const again = await client.messages.send(conversation.id, { parentId: first.message.id });
    expect(again.message.id).toBe(first.message.id);
    expect(again.reply.parentId).toBe(first.message.id);
    await collect(client.streams.read(again.streamId));
    expect(lastRequestMessages()).toEqual([{ role: "user", content: "[[reply:first answer]] q" }]);
    const replies = (await client.messages.list(conversation.id)).filter((m) => m.parentId === first.message.id);
    expect(replies).toHaveLength(2);
    expect(replies.every((reply) => reply.status === "complete" && reply.content === "first answer")).toBe(true);
  });

  it("refuses a regeneration of something that is not a user message, and unknown parents", async () => {
    const { client } = await signedInClient(server.url);
    const conversation = await client.conversations.create({ model: MODEL });
    const first = await client.messages.send(conversation.id, { content: "hi" });
    await collect(client.streams.read(first.streamId));
    await expect(client.messages.send(conversation.id, { parentId: first.reply.id })).rejects.toMatchObject({
      status: 400,
    });
    await expect(client.messages.send(conversation.id, { content: "x", parentId: "missing" })).rejects.toMatchObject({
      status: 404,
    });
  });

  it("uses the offline demo model by default, which says plainly that it is a demo", async () => {
    const { client } = await signedInClient(server.url);
    const conversation = await client.conversations.create({ model: "demo/echo" });
    const sent = await client.messages.send(conversation.id, { content: "ping from a newcomer" });
    const text = textOf(await collect(client.streams.read(sent.streamId)));
    expect(text).toMatch(/demo/i);
    expect(text).toContain("ping from a newcomer");
    expect((await client.messages.list(conversation.id)).at(-1)).toMatchObject({ content: text, status: "complete" });
  });

  it("keeps the reply's reasoning as a part beside its text", async () => {
    const { client } = await signedInClient(server.url);
    const conversation = await client.conversations.create({ model: MODEL });
    const sent = await client.messages.send(conversation.id, { content: "[[reasoning:Let me think.]][[reply:42]] q" });
    const events = await collect(client.streams.read(sent.streamId));
    expect(events.map(({ part }) => part.type)).toContain("reasoning-delta");
    const reply = (await client.messages.list(conversation.id)).at(-1);
    expect(reply?.content).toBe("42");
    expect(reply?.parts.filter((part) => part.type !== "step-start")).toMatchObject([
      { type: "reasoning", text: "Let me think.", state: "done" },
      { type: "text", text: "42", state: "done" },
    ]);
  });

  it("stops the provider call of a reply whose conversation is deleted while it streams", async () => {
    const { client } = await signedInClient(server.url);
    const conversation = await client.conversations.create({ model: MODEL });
    const sent = await client.messages.send(conversation.id, {
      content: "[[slow:100]][[repeat:50]] a long slow answer",
    });
    const events = client.streams.read(sent.streamId)[Symbol.asyncIterator]();
    await events.next();
    const call = fake.requests.at(-1);
    await client.conversations.remove(conversation.id);
    await eventually(() => expect(call?.abandoned).toBe(true));
    await expect(client.conversations.get(conversation.id)).rejects.toMatchObject({ status: 404 });
  });

  it("titles a conversation by its first words at once, then by a model from the first exchange, in plain text", async () => {
    const own = await startServerWithFakeProvider({ TITLE_MODEL: "" });
    try {
      const { client } = await signedInClient(own.server.url);
      const conversation = await client.conversations.create({ model: MODEL });
      // The reply is held back (the fake waits before its delta), so the stand-in is read before the model's title.
      const sent = await client.messages.send(conversation.id, {
        content: "[[slow:1000]][[reply:Sorting lists in **Python**.]] how?",
      });
      expect((await client.conversations.get(conversation.id)).title).toMatch(/^\[\[slow:1000\]\]\[\[reply:Sorting/);
      await collect(client.streams.read(sent.streamId));
      await eventually(async () =>
        expect((await client.conversations.get(conversation.id)).title).toBe("Sorting lists in Python"),
      );
      const titleCall = own.fake.requests.at(-1);
      expect(titleCall?.messages[0]).toMatchObject({ role: "system", text: expect.stringMatching(/title/i) });
    } finally {
      await own.stop();
    }
  });
});
