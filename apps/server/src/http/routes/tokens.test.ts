import { CLOSE_CODES } from "@slipstream/protocol";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { FAKE_MODEL, openTestSocket, signedInClient, startServerWithFakeProvider } from "../../../test/support.ts";

let env: Awaited<ReturnType<typeof startServerWithFakeProvider>>;
let account: Awaited<ReturnType<typeof signedInClient>>;
beforeAll(async () => {
  env = await startServerWithFakeProvider();
  account = await signedInClient(env.server.url, "scripter");
});
afterAll(() => env.stop());

const withCookie = (path: string, init: RequestInit = {}) =>
  account.client.transport.raw(path, { ...init, headers: { "content-type": "application/json", ...init.headers } });
const withToken = (secret: string, path: string, init: RequestInit = {}) =>
  fetch(new URL(path, env.server.url), {
    ...init,
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", ...init.headers },
  });

async function createToken(body: object = { name: "script" }) {
  const response = await withCookie("/api/tokens", { method: "POST", body: JSON.stringify(body) });
  expect(response.status).toBe(201);
  expect(response.headers.get("cache-control")).toBe("no-store");
  return (await response.json()) as {
    token: { id: string; prefix: string; lastUsedAt: string | null };
    secret: string;
  };
}

describe("personal API tokens", () => {
  it("are shown once as slip_…, listed by prefix only, and work as a Bearer on /api, SSE and the WebSocket", async () => {
    const { token, secret } = await createToken({ name: "script", expiresInDays: 30 });
    expect(secret).toMatch(/^slip_[A-Za-z0-9_-]{43}$/);
    expect(secret.startsWith(token.prefix)).toBe(true);
    const listed = await (await withCookie("/api/tokens")).text();
    expect(listed).not.toContain(secret);
    expect(JSON.parse(listed).tokens[0]).toMatchObject({ name: "script", prefix: token.prefix, lastUsedAt: null });

    const session = await withToken(secret, "/api/auth/session");
    expect(session.status).toBe(200);
    expect((await session.json()).user.id).toBe(account.user.id);
    const created = await withToken(secret, "/api/conversations", {
      method: "POST",
      body: JSON.stringify({ model: FAKE_MODEL }),
    });
    const { conversation } = await created.json();
    const sent = await withToken(secret, `/api/conversations/${conversation.id}/messages`, {
      method: "POST",
      body: JSON.stringify({ content: "by token" }),
    });
    const { streamId } = await sent.json();
    const sse = await withToken(secret, `/api/streams/${streamId}`);
    expect(sse.status).toBe(200);
    expect(await sse.text()).toContain("[DONE]");

    // A script has no page origin: with a token, the WebSocket needs none.
    const socket = await openTestSocket(env.server.url, { authorization: `Bearer ${secret}` });
    expect(typeof socket).not.toBe("number");
    if (typeof socket !== "number") socket.close();
    const listedAfter = JSON.parse(await (await withCookie("/api/tokens")).text()).tokens[0];
    expect(listedAfter.lastUsedAt).not.toBeNull();
  });

  it("judge a request by its bearer alone: a wrong one is 401 even with a valid cookie", async () => {
    const response = await withCookie("/api/auth/session", { headers: { authorization: "Bearer slip_wrong" } });
    expect(response.status).toBe(401);
    expect(await openTestSocket(env.server.url, { authorization: "Bearer slip_wrong" })).toBe(401);
  });

  it("stop working once revoked, closing the sockets opened with them (4401)", async () => {
    const { token, secret } = await createToken();
    const socket = await openTestSocket(env.server.url, { authorization: `Bearer ${secret}` });
    if (typeof socket === "number") throw new Error(`upgrade refused with ${socket}`);
    const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));
    const other = await signedInClient(env.server.url, "other");
    expect((await other.client.transport.raw(`/api/tokens/${token.id}`, { method: "DELETE" })).status).toBe(404);
    expect((await withCookie(`/api/tokens/${token.id}`, { method: "DELETE" })).status).toBe(204);
    expect(await closed).toBe(CLOSE_CODES.sessionRevoked);
    expect((await withToken(secret, "/api/auth/session")).status).toBe(401);
  });

  it("stop working once expired", async () => {
    const { secret } = await createToken({ name: "short", expiresInDays: 1 });
    expect((await withToken(secret, "/api/auth/session")).status).toBe(200);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 24 * 60 * 60 * 1000 + 1000 });
    try {
      expect((await withToken(secret, "/api/auth/session")).status).toBe(401);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("account settings", () => {
  it("change the name, and sign out of every session", async () => {
    const user = await signedInClient(env.server.url, "renamed");
    const renamed = await user.client.transport.raw("/api/auth/session", {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "New Name" }),
    });
    expect((await renamed.json()).user.name).toBe("New Name");
    const second = await signedInClient(env.server.url, "x");
    await second.client.auth.login({ email: user.email, password: user.password });
    expect((await user.client.transport.raw("/api/auth/logout-all", { method: "POST" })).status).toBe(204);
    expect((await second.client.transport.raw("/api/auth/session")).status).toBe(401);
    expect((await user.client.transport.raw("/api/auth/session")).status).toBe(401);
  });
});
