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
