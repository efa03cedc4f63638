import { describe, expect, it } from "vitest";
import { eventually, signedInClient, useTestServer } from "../../../test/support.ts";

const server = useTestServer();

type Client = Awaited<ReturnType<typeof signedInClient>>["client"];

async function conversationWith(client: Client, contents: string[], title = "Shared thoughts") {
  const conversation = await client.conversations.create({ title });
  for (const content of contents) {
    await client.messages.send(conversation.id, { content });
    await eventually(async () => {
      const messages = await client.messages.list(conversation.id);
      expect(messages.at(-1)?.status).toBe("complete");
    });
  }
  return conversation;
}

describe("share links", () => {
  it("shows a read-only copy without a session, as JSON and as a page with no script, until revoked", async () => {
    const owner = await signedInClient(server.url, "Ada");
    const conversation = await conversationWith(owner.client, ["<script>alert('x')</script> and Fibonacci"]);
    const share = await owner.client.shares.create(conversation.id);
    expect(share.id).toMatch(/^[\w-]{32}$/);
    expect(share.url).toBe(`${server.url}/s/${share.id}`);

    const json = await fetch(`${server.url}/api/shares/${share.id}`);
    expect(json.status).toBe(200);
    const shared = await json.json();
    expect(shared.conversation.title).toBe("Shared thoughts");
    expect(shared.messages.map((m: { role: string; author: string | null }) => [m.role, m.author])).toEqual([
      ["user", "Ada"],
      ["assistant", null],
    ]);
    expect(JSON.stringify(shared)).not.toContain(owner.user.id);

    // Later messages are not in a link made before them.
    await owner.client.messages.send(conversation.id, { content: "after the link" });
    expect((await owner.client.shares.read(share.id)).messages).toHaveLength(2);

    const page = await fetch(share.url);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; and Fibonacci");
    expect(html).not.toMatch(/<script/i);

    expect((await owner.client.shares.list(conversation.id)).map((s) => s.id)).toEqual([share.id]);
    await owner.client.shares.revoke(share.id);
    expect((await fetch(`${server.url}/api/shares/${share.id}`)).status).toBe(404);
    expect((await fetch(share.url)).status).toBe(404);
    expect((await fetch(`${server.url}/s/not-a-real-link`)).status).toBe(404);
  });

  it("lets only the owner make, list and revoke links", async () => {
    const owner = await signedInClient(server.url, "owner");
    const editor = await signedInClient(server.url, "editor");
    const stranger = await signedInClient(server.url, "stranger");
    const conversation = await owner.client.conversations.create();
    await owner.client.members.add(conversation.id, { email: editor.email, role: "editor" });
    await expect(editor.client.shares.create(conversation.id)).rejects.toMatchObject({ status: 403 });
    await expect(stranger.client.shares.create(conversation.id)).rejects.toMatchObject({ status: 404 });
    const share = await owner.client.shares.create(conversation.id);
    await expect(editor.client.shares.revoke(share.id)).rejects.toMatchObject({ status: 404 });
    await expect(stranger.client.shares.revoke(share.id)).rejects.toMatchObject({ status: 404 });
    await expect(owner.client.shares.read(share.id)).resolves.toBeDefined();
  });
});

describe("continue as a copy", () => {
  it("gives a signed-in reader a conversation of their own with the link's branches, to go on with", async () => {
    const owner = await signedInClient(server.url, "Ada");
    const conversation = await conversationWith(owner.client, ["what is a tardigrade?"], "Water bears");
    const [question] = await owner.client.messages.list(conversation.id);
    await owner.client.messages.send(conversation.id, { parentId: question?.id });
    await eventually(async () => {
      const messages = await owner.client.messages.list(conversation.id);
      expect(messages.map((message) => message.status)).toEqual(["complete", "complete", "complete"]);
    });
    const share = await owner.client.shares.create(conversation.id);
    const original = await owner.client.messages.list(conversation.id);

    const reader = await signedInClient(server.url, "Grace");
    const copy = await reader.client.shares.copy(share.id);
    expect(copy).toMatchObject({ title: "Water bears", model: conversation.model });
    expect(copy.id).not.toBe(conversation.id);
    const copied = await reader.client.messages.list(copy.id);
    const shape = (messages: typeof original) =>
      messages.map(({ parentId, role, content }) => [
        parentId === null ? null : messages.findIndex((other) => other.id === parentId),
        role,
        content,
      ]);
    expect(shape(copied)).toEqual(shape(original));
    expect(copied[0]?.authorId).toBe(reader.user.id);
    expect((await reader.client.conversations.list()).map((listed) => listed.id)).toContain(copy.id);

    // The copy goes on from the branch the link showed; the original is left as it was.
    await reader.client.messages.send(copy.id, { content: "and can they survive space?" });
    await eventually(async () => {
      const messages = await reader.client.messages.list(copy.id);
      expect(messages.at(-1)).toMatchObject({ role: "assistant", status: "complete", parentId: messages.at(-2)?.id });
      expect(messages.at(-2)).toMatchObject({ content: "and can they survive space?", parentId: copied.at(-1)?.id });
    });
    expect(await owner.client.messages.list(conversation.id)).toHaveLength(3);

    const anonymous = await fetch(`${server.url}/api/shares/${share.id}/copy`, {
      method: "POST",
      headers: { origin: server.url },
    });
    expect(anonymous.status).toBe(401);
    await owner.client.shares.revoke(share.id);
    await expect(reader.client.shares.copy(share.id)).rejects.toMatchObject({ status: 404 });
  });

  it("offers the copy on the share page, as a link (signing in first when need be) and still no script", async () => {
    const owner = await signedInClient(server.url, "Ada");
    const conversation = await conversationWith(owner.client, ["hello"]);
    const share = await owner.client.shares.create(conversation.id);
    const reader = await signedInClient(server.url, "Grace");

    const signedIn = await (
      await fetch(share.url, { headers: { cookie: reader.client.transport.cookieHeader() } })
    ).text();
    expect(signedIn).toContain(`<a class="continue" href="/s/${share.id}/continue">Continue this conversation</a>`);
    const response = await fetch(share.url);
    const anonymous = await response.text();
    expect(anonymous).toContain(
      `<a class="continue" href="/s/${share.id}/continue">Sign in to continue this conversation</a>`,
    );
    for (const html of [signedIn, anonymous]) expect(html).not.toMatch(/<script|<form/i);
    expect(response.headers.get("content-security-policy")).toContain("form-action 'none'");
  });
});

describe("export", () => {
  it("exports every owned conversation with its message tree as JSON, and one as Markdown", async () => {
    const owner = await signedInClient(server.url, "Grace");
    const first = await conversationWith(owner.client, ["hello there"], "Greeting");
    const exported = await owner.client.exports.all();
    expect(exported).toMatchObject({ format: "slipstream.export", version: 1 });
    expect(exported.conversations.map(({ conversation }) => conversation.id)).toEqual([first.id]);
    expect(exported.conversations[0]?.messages).toEqual(await owner.client.messages.list(first.id));

    const markdown = await fetch(`${server.url}/api/conversations/${first.id}/export?format=markdown`, {
      headers: { cookie: owner.client.transport.cookieHeader() },
    });
    expect(markdown.headers.get("content-type")).toContain("text/markdown");
    expect(markdown.headers.get("content-disposition")).toContain("Greeting.md");
    const text = await markdown.text();
    expect(text).toMatch(/^# Greeting\n/);
    expect(text).toContain("**Grace**\n\nhello there");
    expect(text).toContain("**Assistant (demo/echo)**");
    const stranger = await signedInClient(server.url, "stranger");
    const refused = await fetch(`${server.url}/api/conversations/${first.id}/export`, {
      headers: { cookie: stranger.client.transport.cookieHeader() },
    });
    expect(refused.status).toBe(404);
  });
});

describe("search", () => {
  it("finds a word inside an answer, in the user's own and shared conversations only, with the hit marked", async () => {
    const owner = await signedInClient(server.url, "owner");
    const viewer = await signedInClient(server.url, "viewer");
    const conversation = await conversationWith(owner.client, ["Explain the Fibonacci sequence"], "Maths homework");
    const replyId = (await owner.client.messages.list(conversation.id)).at(-1)?.id;
    const results = await owner.client.search("fibonacci");
    expect(results.map((result) => result.messageId)).toContain(replyId);
    expect(results[0]).toMatchObject({ conversationId: conversation.id, title: "Maths homework" });
    expect(results[0]?.snippet).toContain("<mark>Fibonacci</mark>");
    expect(await viewer.client.search("fibonacci")).toEqual([]);
    await owner.client.members.add(conversation.id, { email: viewer.email, role: "viewer" });
    expect((await viewer.client.search("homework")).map((result) => result.messageId)).toEqual([null]);
    await expect(owner.client.search("")).rejects.toMatchObject({ status: 400 });
    expect((await fetch(`${server.url}/api/search?q=x`)).status).toBe(401);
  });
});
