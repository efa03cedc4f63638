import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newClient, removeDir, startServer, type TestServer } from "../../../test/support.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ ALLOW_SIGNUP: "false", ADMIN_EMAILS: "root@example.test" });
});
afterAll(async () => {
  await server.stop();
  await removeDir(server.dataDir);
});

const register = (email: string) =>
  fetch(new URL("/api/auth/register", server.url), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: "a long enough secret" }),
  });

describe("ALLOW_SIGNUP=false", () => {
  it("closes registration but for ADMIN_EMAILS, whose sign-up form /api/auth/providers still offers", async () => {
    const refused = await register("stranger@example.test");
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toMatchObject({ code: "forbidden", message: expect.stringMatching(/closed/) });
    expect((await register("root@example.test")).status).toBe(201);
    const providers = await (await fetch(new URL("/api/auth/providers", server.url))).json();
    expect(providers).toMatchObject({ password: true, signup: true });
  });

  it("offers no sign-up at all when no ADMIN_EMAILS are named", async () => {
    const closed = await startServer({ ALLOW_SIGNUP: "false" });
    try {
      const providers = await (await fetch(new URL("/api/auth/providers", closed.url))).json();
      expect(providers).toMatchObject({ password: true, signup: false });
    } finally {
      await closed.stop();
      await removeDir(closed.dataDir);
    }
  });

  it("lets an admin add an account with POST /api/admin/users, which then signs in; a user may not", async () => {
    const admin = newClient(server.url);
    await admin.auth.login({ email: "root@example.test", password: "a long enough secret" });
    const add = (cookie: string, email: string) =>
      fetch(new URL("/api/admin/users", server.url), {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body: JSON.stringify({ email, password: "given by the admin", name: "Added" }),
      });
    const added = await add(admin.transport.cookieHeader(), "Added@Example.test");
    expect(added.status).toBe(201);
    expect((await added.json()).user).toMatchObject({ email: "added@example.test", name: "Added", role: "user" });
    expect((await add(admin.transport.cookieHeader(), "added@example.test")).status).toBe(409);

    const user = newClient(server.url);
    await user.auth.login({ email: "added@example.test", password: "given by the admin" });
    expect((await add(user.transport.cookieHeader(), "another@example.test")).status).toBe(403);
  });
});
