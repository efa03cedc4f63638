import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeDir, signedInClient, startServer, type TestServer } from "../../test/support.ts";

let server: TestServer;
let cookie: string;
let conversationId: string;

beforeAll(async () => {
  server = await startServer();
  const { client } = await signedInClient(server.url);
  cookie = client.transport.cookieHeader();
  conversationId = (await client.conversations.create()).id;
});
afterAll(async () => {
  await server.stop();
  await removeDir(server.dataDir);
});

async function send(path: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(new URL(path, server.url), {
    method: "POST",
    headers: { "content-type": "application/json", cookie, ...headers },
    body,
  });
  const text = await response.text();
  return { status: response.status, text, json: JSON.parse(text) };
}

describe("bad input at the HTTP edge", () => {
  it("answers malformed JSON with 400 invalid_json", async () => {
    const { status, json } = await send(`/api/conversations/${conversationId}/messages`, '{"content": "unterminated');
    expect(status).toBe(400);
    expect(json.error.code).toBe("invalid_json");
  });

  it("answers bodies over 1 MiB with 413", async () => {
    const body = JSON.stringify({ content: "x".repeat(1024 * 1024 + 10) });
    const { status, json } = await send(`/api/conversations/${conversationId}/messages`, body);
    expect(status).toBe(413);
    expect(json.error.code).toBe("payload_too_large");
  });

  it("refuses deeply nested JSON", async () => {
    const body = `{"content":${"[".repeat(10_000)}${"]".repeat(10_000)}}`;
    const { status, json } = await send(`/api/conversations/${conversationId}/messages`, body);
    expect(status).toBe(400);
    expect(json.error.code).toBe("json_too_deep");
  });

  it("validates fields with the protocol schemas and names what is wrong", async () => {
    const { status, json } = await send(
      `/api/conversations/${conversationId}/messages`,
      JSON.stringify({ content: 42 }),
    );
    expect(status).toBe(400);
    expect(json.error).toMatchObject({ code: "invalid_request" });
    expect(json.error.message).toContain("content");
  });

  it("refuses other content types with 415", async () => {
    const { status, json } = await send("/api/conversations", "title=x", { "content-type": "text/plain" });
    expect(status).toBe(415);
    expect(json.error.code).toBe("unsupported_media_type");
  });

  it("answers unknown routes and unknown ids with a JSON 404", async () => {
    const route = await fetch(new URL("/api/nothing-here", server.url));
    expect(route.status).toBe(404);
    expect((await route.json()).error.code).toBe("not_found");
    const id = await fetch(new URL("/api/conversations/0190aaaa-0000-7000-8000-000000000000", server.url), {
      headers: { cookie },
    });
    expect(id.status).toBe(404);
  });

  it("never leaks a stack trace or internal detail in an error body", async () => {
    const bodies = [
      await send("/api/auth/login", "{"),
      await send("/api/auth/login", JSON.stringify({ email: { $ne: null }, password: [] })),
      await send(`/api/conversations/${"x".repeat(500)}/messages`, JSON.stringify({ content: "hi" })),
    ];
    for (const { text, json } of bodies) {
      expect(Object.keys(json)).toEqual(["error"]);
      expect(text).not.toMatch(/\bat [\w.<>]+ \(|node_modules|\.ts:\d+/);
    }
  });

  it("ignores __proto__ keys in bodies", async () => {
    const { status, json } = await send("/api/conversations", '{"title":"safe","__proto__":{"polluted":true}}');
    expect(status).toBe(201);
    expect(json.conversation.title).toBe("safe");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("serves health and readiness", async () => {
    expect(await (await fetch(new URL("/healthz", server.url))).json()).toEqual({ status: "ok" });
    const ready = await fetch(new URL("/readyz", server.url));
    expect(ready.status).toBe(200);
  });
});
