import { CLOSE_CODES } from "@slipstream/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  collect,
  FAKE_MODEL,
  newClient,
  openTestSocket,
  rawTestSocket,
  signedInClient,
  startServerWithFakeProvider,
  type TestServer,
} from "../../../test/support.ts";

let server: TestServer;
let stop: () => Promise<void>;
let admin: Awaited<ReturnType<typeof signedInClient>>;

beforeAll(async () => {
  ({ server, stop } = await startServerWithFakeProvider({ ADMIN_EMAILS: "Boss@Example.test, other@example.test" }));
  // A fresh server: the first account registered is its admin.
  admin = await signedInClient(server.url, "first");
});
afterAll(() => stop());

const api = (path: string, cookie: string, init: RequestInit = {}) =>
  fetch(new URL(path, server.url), {
    ...init,
    headers: { cookie, origin: server.url, "content-type": "application/json", ...init.headers },
  });

describe("roles", () => {
  it("makes the first account admin and later ones users", async () => {
    expect(admin.user.role).toBe("admin");
    const later = await signedInClient(server.url, "later");
    expect(later.user).toMatchObject({ role: "user", disabled: false });
  });

  it("makes ADMIN_EMAILS admins when they register, whatever their case", async () => {
    const boss = newClient(server.url);
    const { user } = await boss.auth.register({ email: "boss@example.test", password: "a long passphrase" });
    expect(user.role).toBe("admin");
  });

  it("answers 403 on /api/admin to a user, and lists every account to an admin", async () => {
    const plain = await signedInClient(server.url, "plain");
    const refused = await api("/api/admin/users", plain.client.transport.cookieHeader());
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe("forbidden");
    const listed = await api("/api/admin/users", admin.client.transport.cookieHeader());
    expect(listed.status).toBe(200);
    const { users } = await listed.json();
    expect(users.map((user: { email: string }) => user.email)).toEqual(
      expect.arrayContaining([plain.email, admin.email]),
    );
    expect(users[0]).not.toHaveProperty("passwordHash");
  });

  it("lets an admin promote a user, and refuses to let an admin demote or disable themselves", async () => {
    const promoted = await signedInClient(server.url, "promoted");
    const cookie = admin.client.transport.cookieHeader();
    const response = await api(`/api/admin/users/${promoted.user.id}`, cookie, {
      method: "PATCH",
      body: JSON.stringify({ role: "admin" }),
    });
    expect((await response.json()).user.role).toBe("admin");
    expect((await api("/api/admin/users", promoted.client.transport.cookieHeader())).status).toBe(200);
    const self = await api(`/api/admin/users/${admin.user.id}`, cookie, {
      method: "PATCH",
      body: JSON.stringify({ disabled: true }),
    });
    expect(self.status).toBe(400);
  });
});

describe("disabled accounts", () => {
  const setDisabled = (userId: string, disabled: boolean) =>
    api(`/api/admin/users/${userId}`, admin.client.transport.cookieHeader(), {
      method: "PATCH",
      body: JSON.stringify({ disabled }),
    });

  it("get 403 account_disabled everywhere, lose their open socket (4403) and stream, and come back when enabled", async () => {
    const target = await signedInClient(server.url, "target");
    const cookie = target.client.transport.cookieHeader();
    const conversation = await target.client.conversations.create({ model: FAKE_MODEL });
    const { streamId } = await target.client.messages.send(conversation.id, { content: "[[slow:200]] a slow answer" });
    const socket = await rawTestSocket(server.url, cookie);
    const sse = await fetch(new URL(`/api/streams/${streamId}`, server.url), { headers: { cookie } });
    expect(sse.status).toBe(200);
    const body = sse.text();

    expect((await setDisabled(target.user.id, true)).status).toBe(200);
    expect(await socket.closed).toBe(CLOSE_CODES.accountDisabled);
    expect(await body).not.toContain("[DONE]");
    for (const [path, method] of [
      ["/api/auth/session", "GET"],
      ["/api/conversations", "GET"],
      [`/api/conversations/${conversation.id}/messages`, "GET"],
      ["/api/models", "GET"],
      [`/api/streams/${streamId}`, "GET"],
      ["/api/conversations", "POST"],
    ]) {
      const response = await api(path as string, cookie, { method, body: method === "POST" ? "{}" : undefined });
      expect([path, response.status]).toEqual([path, 403]);
      expect((await response.json()).error.code).toBe("account_disabled");
    }
    expect(await openTestSocket(server.url, { cookie, origin: server.url })).toBe(403);
    const login = await fetch(new URL("/api/auth/login", server.url), {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url },
      body: JSON.stringify({ email: target.email, password: target.password }),
    });
    expect(login.status).toBe(403);

    expect((await setDisabled(target.user.id, false)).status).toBe(200);
    expect((await target.client.auth.session()).user.disabled).toBe(false);
    // A new root: the reply cut off by the disabling may still hold its branch's turn.
    const again = await target.client.messages.send(conversation.id, { content: "back again", parentId: null });
    expect((await collect(target.client.streams.read(again.streamId))).at(-1)?.part.type).toBe("finish");
  });
});
