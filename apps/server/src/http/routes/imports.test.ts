import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { ChatGptConversation, Import, Message } from "@slipstream/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestPostgresDatabase } from "../../../test/postgres-database.ts";
import { eventually, removeDir, signedInClient, startServer, type TestServer } from "../../../test/support.ts";

type Client = Awaited<ReturnType<typeof signedInClient>>["client"];

const chatGptFixture: ChatGptConversation[] = JSON.parse(
  await readFile(new URL("../../../test/fixtures/chatgpt-conversations.json", import.meta.url), "utf8"),
);

const postgres = await createTestPostgresDatabase();
afterAll(async () => {
  if (!("skip" in postgres)) await postgres.drop();
});
const stores: { name: string; env: () => Record<string, string> }[] = [{ name: "SQLite", env: () => ({}) }];
if ("skip" in postgres) console.log(`postgres import tests skipped: ${postgres.skip}`);
else stores.push({ name: "Postgres", env: () => ({ DATABASE_URL: postgres.url }) });

/** A little over the 1 MiB every other route takes, and under this server's import limit. */
const IMPORT_MAX_BYTES = 3 * 1024 * 1024;

async function completed(client: Client, started: Import) {
  return eventually(async () => {
    const current = await client.imports.get(started.id);
    expect(current.status).toBe("complete");
    return current;
  }, 30_000);
}

async function replied(client: Client, conversationId: string) {
  await eventually(async () => {
    const messages = await client.messages.list(conversationId);
    expect(messages.every((message) => message.status === "complete")).toBe(true);
  });
}

/** A tree as a reader sees it: each message with the position of its parent, in the order ids give them. */
function treeOf(messages: Message[]) {
  const position = new Map(messages.map((message, index) => [message.id, index]));
  return messages.map(({ parentId, role, content, parts, model, status }) => ({
    parent: parentId === null ? null : position.get(parentId),
    role,
    content,
    parts,
    model,
    status,
  }));
}

/** ChatGPT conversations with `count` × 4 long messages: a body over the 1 MiB other routes take. */
function bigChatGptExport(count: number): ChatGptConversation[] {
  const filler = "lorem ipsum dolor sit amet ".repeat(100);
  return Array.from({ length: count }, (_, index) => {
    const ids = [0, 1, 2, 3].map((turn) => `c${index}-m${turn}`);
    const mapping = Object.fromEntries(
      ids.map((id, turn) => [
        id,
        {
          id,
          parent: turn === 0 ? null : (ids[turn - 1] as string),
          children: turn === 3 ? [] : [ids[turn + 1] as string],
          message: {
            id,
            author: { role: turn % 2 === 0 ? "user" : "assistant" },
            content: { content_type: "text", parts: [`Turn ${turn} of conversation ${index}. ${filler}`] },
            create_time: 1_700_000_000 + index * 100 + turn,
            metadata: turn % 2 === 0 ? {} : { model_slug: "gpt-4o-mini" },
          },
        },
      ]),
    );
    return {
      title: `Bulk ${index}`,
      create_time: 1_700_000_000 + index * 100,
      update_time: 1_700_000_003 + index * 100,
      mapping,
      current_node: ids[3] as string,
    };
  });
}

describe.each(stores)("POST /api/import on $name", ({ env }) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ ...env(), IMPORT_MAX_BYTES: String(IMPORT_MAX_BYTES) });
  });
  afterAll(async () => {
    await server?.stop();
    if (server) await removeDir(server.dataDir);
  });

  it("imports a Slipstream export into another account with the same trees, titles, times and models", async () => {
    const owner = await signedInClient(server.url, "Ada");
    const conversation = await owner.client.conversations.create({ title: "Branching out" });
    const first = await owner.client.messages.send(conversation.id, { content: "tell me about tardigrades" });
    await replied(owner.client, conversation.id);
    await owner.client.messages.send(conversation.id, { parentId: first.message.id });
    await replied(owner.client, conversation.id);
    await owner.client.messages.send(conversation.id, { content: "tell me about axolotls", parentId: null });
    await replied(owner.client, conversation.id);
    const exported = await owner.client.exports.all();

    const other = await signedInClient(server.url, "Grace");
    const started = await other.client.imports.start(exported);
    expect(started).toMatchObject({ status: "queued", total: 1, done: 0, conversationIds: [], error: null });
    const done = await completed(other.client, started);
    expect(done).toMatchObject({ total: 1, done: 1 });

    const [imported] = done.conversationIds;
    const copy = await other.client.conversations.get(imported as string);
    expect(copy).toMatchObject({
      title: "Branching out",
      model: conversation.model,
      createdAt: conversation.createdAt,
      updatedAt: exported.conversations[0]?.conversation.updatedAt,
    });
    const original = await owner.client.messages.list(conversation.id);
    const copied = await other.client.messages.list(copy.id);
    expect(treeOf(copied)).toEqual(treeOf(original));
    expect(copied.map((message) => message.createdAt)).toEqual(original.map((message) => message.createdAt));
    expect(copied.filter((message) => message.role === "user").map((message) => message.authorId)).toEqual([
      other.user.id,
      other.user.id,
    ]);
    expect(copied.some((message) => original.some((kept) => kept.id === message.id))).toBe(false);
    // Imported conversations are the importer's alone, and searchable.
    await expect(owner.client.conversations.get(copy.id)).rejects.toMatchObject({ status: 404 });
    const hits = await other.client.search("axolotls");
    expect(hits.map((hit) => hit.conversationId)).toContain(copy.id);
  });

  it("keeps the importer's own files and drops, with a note, files that are not theirs", async () => {
    const owner = await signedInClient(server.url, "Ada");
    const file = await owner.client.files.upload(new File(["# Field notes"], "notes.md", { type: "text/markdown" }));
    const conversation = await owner.client.conversations.create({ title: "With a file" });
    await owner.client.messages.send(conversation.id, { content: "read this", attachments: [file.id] });
    await replied(owner.client, conversation.id);
    const exported = await owner.client.exports.all();
    const withFile = {
      ...exported,
      conversations: exported.conversations.filter((c) => c.conversation.id === conversation.id),
    };

    const mine = await completed(owner.client, await owner.client.imports.start(withFile));
    const [ownQuestion] = await owner.client.messages.list(mine.conversationIds[0] as string);
    expect(ownQuestion?.attachments.map((attachment) => attachment.id)).toEqual([file.id]);
    expect(ownQuestion?.content).toBe("read this");

    const stranger = await signedInClient(server.url, "Mallory");
    const theirs = await completed(stranger.client, await stranger.client.imports.start(withFile));
    const [question] = await stranger.client.messages.list(theirs.conversationIds[0] as string);
    expect(question?.attachments).toEqual([]);
    expect(question?.content).toBe('read this\n\n[Attachment "notes.md" was not copied: it is not among your files.]');
    expect(JSON.stringify(question?.parts)).not.toContain(file.id);
  });

  it("turns ChatGPT's trees into branches, following current_node, and skips what ChatGPT hides", async () => {
    const { client } = await signedInClient(server.url, "Linus");
    const done = await completed(client, await client.imports.start(chatGptFixture));
    expect(done).toMatchObject({ total: 3, done: 3 });
    const [fibonacciId, catId, boatId] = done.conversationIds as [string, string, string];

    const fibonacci = await client.conversations.get(fibonacciId);
    expect(fibonacci).toMatchObject({
      title: "Fibonacci in Python",
      createdAt: "2024-12-02T09:00:00.000Z",
      updatedAt: "2024-12-02T09:01:05.000Z",
      // Not a model of this server: the conversation goes on with the default one, the messages keep theirs.
      model: "demo/echo",
    });
    const messages = await client.messages.list(fibonacciId);
    const byContent = (start: string) => messages.find((message) => message.content.startsWith(start)) as Message;
    const original = byContent("Write a Fibonacci");
    const edited = byContent("Write a memoized");
    const recursive = byContent("Here is a recursive");
    const regenerated = byContent("An iterative version");
    const code = byContent("```python");
    const answer = byContent("With `functools.cache`");
    // The system node, the tool's output and the empty root are left out; their children hang on.
    expect(messages).toHaveLength(6);
    expect([original.parentId, edited.parentId]).toEqual([null, null]);
    expect([recursive.parentId, regenerated.parentId]).toEqual([original.id, original.id]);
    expect(code.parentId).toBe(edited.id);
    expect(answer.parentId).toBe(code.id);
    expect(code.content).toBe(
      "```python\nfrom functools import cache\n\n@cache\ndef fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n\nfib(30)\n```",
    );
    expect(answer).toMatchObject({ role: "assistant", model: "openai/gpt-4o", status: "complete" });
    expect(original).toMatchObject({ role: "user", createdAt: "2024-12-02T09:00:01.500Z" });
    // The branch of current_node is the one shown: its leaf is the newest message.
    expect(messages.at(-1)?.id).toBe(answer.id);

    const [photo, reply] = await client.messages.list(catId);
    expect(photo?.content).toBe(
      "[An image was not imported: ChatGPT's export keeps images outside conversations.json.]\n\nWhat breed is this tabby cat?",
    );
    expect(reply?.parentId).toBe(photo?.id);

    expect(await client.conversations.get(boatId)).toMatchObject({ title: "New chat" });
    const [, boatAnswer] = await client.messages.list(boatId);
    expect(boatAnswer?.model).toBe("openai/o4-mini-high");

    const events = await client.history.events(fibonacciId);
    expect(events.events.map((event) => event.event.type)).toEqual([
      "conversation.created",
      ...Array.from({ length: 6 }, () => "message.created"),
    ]);
    expect((await client.search("memoized")).map((hit) => hit.conversationId)).toEqual([fibonacciId]);
    const listed = (await client.conversations.list()).map((conversation) => conversation.id);
    expect(listed).toEqual(expect.arrayContaining([fibonacciId, catId, boatId]));
  });

  it("runs a large import as a job whose progress counts the conversations written, and removes its file", async () => {
    const { client } = await signedInClient(server.url, "Bulk");
    const body = bigChatGptExport(100);
    expect(JSON.stringify(body).length).toBeGreaterThan(1024 * 1024);
    const started = await client.imports.start(body);
    expect(started).toMatchObject({ status: "queued", total: 100, done: 0 });
    const payload = join(server.dataDir, "files", "imports", `${started.id}.json`);

    const seen: Import[] = [];
    const done = await eventually(async () => {
      const current = await client.imports.get(started.id);
      seen.push(current);
      expect(current.status).toBe("complete");
      return current;
    }, 60_000);
    for (const [index, progress] of seen.entries()) {
      expect(progress.conversationIds).toHaveLength(progress.done);
      expect(progress.done).toBeGreaterThanOrEqual(seen[index - 1]?.done ?? 0);
      expect(progress.total).toBe(100);
    }
    expect(new Set(done.conversationIds).size).toBe(100);
    const [last] = await client.messages.list(done.conversationIds[99] as string);
    expect(last?.content).toMatch(/^Turn 0 of conversation 99\./);
    expect(existsSync(payload)).toBe(false);

    const tooBig = await client.transport.raw("/api/import", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(bigChatGptExport(300)),
    });
    expect(tooBig.status).toBe(413);
    expect((await tooBig.json()).error).toEqual({
      code: "payload_too_large",
      message: "The request body is larger than 3 MiB.",
    });
    // Only the import takes more than 1 MiB.
    const elsewhere = await client.transport.raw("/api/conversations", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "x", padding: "x".repeat(1024 * 1024 + 1) }),
    });
    expect(elsewhere.status).toBe(413);
  });

  it("refuses anything but the two formats with a 400 that says what to send, and a stranger's import is not found", async () => {
    const { client } = await signedInClient(server.url, "Picky");
    const post = (body: string) =>
      client.transport.raw("/api/import", { method: "POST", headers: { "content-type": "application/json" }, body });
    const refusal = async (body: string) => {
      const response = await post(body);
      expect(response.status).toBe(400);
      return ((await response.json()) as { error: { code: string; message: string } }).error;
    };
    expect(await refusal(JSON.stringify({ hello: "world" }))).toEqual({
      code: "invalid_request",
      message: "Send a Slipstream export (from GET /api/export) or ChatGPT's conversations.json.",
    });
    expect(await refusal("[]")).toEqual({
      code: "invalid_request",
      message: "The file holds no conversations to import.",
    });
    expect((await refusal(JSON.stringify([{ title: "no mapping" }]))).message).toMatch(
      /^Invalid request: 0\.mapping: /,
    );
    expect(
      (await refusal(JSON.stringify({ format: "slipstream.export", version: 2, exportedAt: "", conversations: [] })))
        .message,
    ).toMatch(/version/);
    expect((await refusal("{not json")).code).toBe("invalid_json");

    const anonymous = await fetch(`${server.url}/api/import`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url },
      body: JSON.stringify(chatGptFixture),
    });
    expect(anonymous.status).toBe(401);

    const mine = await client.imports.start(chatGptFixture);
    const stranger = await signedInClient(server.url, "Eve");
    await expect(stranger.client.imports.get(mine.id)).rejects.toMatchObject({ status: 404 });
    await completed(client, mine);
  });
});
