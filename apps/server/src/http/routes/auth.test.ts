import { SlipstreamError } from "@slipstream/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newClient, removeDir, signedInClient, startServer, type TestServer } from "../../../test/support.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ LOGIN_MAX_ATTEMPTS: "3", LOGIN_WINDOW_SECONDS: "60" });
});
afterAll(async () => {
  await server.stop();
  await removeDir(server.dataDir);
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(new URL(path, server.url), {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

async function errorOf(promise: Promise<unknown>): Promise<SlipstreamError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SlipstreamError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

describe("accounts and sessions", () => {
  it("registers with an HttpOnly, SameSite=Lax session cookie and reads the session back", async () => {
    const response = await post("/api/auth/register", { email: "Ada@Example.test", password: "a long enough secret" });
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body.user).toMatchObject({ email: "ada@example.test", name: null });
    expect(body.user).not.toHaveProperty("passwordHash");
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^slipstream_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    const session = await fetch(new URL("/api/auth/session", server.url), {
      headers: { cookie: cookie.split(";")[0] ?? "" },
    });
    expect(await session.json()).toEqual(body);
  });

  it("answers a registration for a taken email like a fresh one, signs nobody in, and leaves the owner's password", async () => {
    const { email, password } = await signedInClient(server.url);
    const fresh = await post("/api/auth/register", {
      email: `fresh-${Date.now()}@example.test`,
      password: "another one",
    });
    const taken = await post("/api/auth/register", { email: email.toUpperCase(), password: "another one" });
    expect(taken.status).toBe(fresh.status);
    const shape = (body: { user: Record<string, unknown> }) => Object.keys(body.user).sort();
    expect(shape(await taken.json())).toEqual(shape(await fresh.json()));
    expect(taken.headers.get("set-cookie")).toMatch(/^slipstream_session=/);
    const cookie = (taken.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    expect((await fetch(new URL("/api/auth/session", server.url), { headers: { cookie } })).status).toBe(401);
    await expect(newClient(server.url).auth.login({ email, password })).resolves.toBeDefined();
    expect((await errorOf(newClient(server.url).auth.login({ email, password: "another one" }))).status).toBe(401);
  });

  it("accepts long Unicode passwords whole: a password differing only at the end is refused", async () => {
    const client = newClient(server.url);
    const password = `${"🔐パスワード-ünïcödé ".repeat(40)}end`;
    const email = `unicode-${Date.now()}@example.test`;
    await client.auth.register({ email, password });
    await expect(newClient(server.url).auth.login({ email, password })).resolves.toBeDefined();
    const wrong = await errorOf(newClient(server.url).auth.login({ email, password: `${password.slice(0, -3)}END` }));
    expect(wrong.status).toBe(401);
  });

  it("answers an unknown email exactly like a wrong password", async () => {
    const { email } = await signedInClient(server.url);
    const unknown = await post("/api/auth/login", { email: "nobody@example.test", password: "whatever123" });
    const wrong = await post("/api/auth/login", { email, password: "not the password" });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(await unknown.json()).toEqual(await wrong.json());
  });

  it("rate-limits failed logins per account from one address with 429 and Retry-After, even for the right password", async () => {
    const { email, password } = await signedInClient(server.url);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await post("/api/auth/login", { email, password: "wrong-wrong" })).status).toBe(401);
    }
    const limited = await post("/api/auth/login", { email, password });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await limited.json()).error.code).toBe("rate_limited");
  });

  it("logout revokes the session: the captured cookie then gets 401 on REST and SSE", async () => {
    const { client } = await signedInClient(server.url);
    const captured = client.transport.cookieHeader();
    await client.auth.logout();
    for (const path of ["/api/conversations", "/api/streams/any-stream"]) {
      const replay = await fetch(new URL(path, server.url), { headers: { cookie: captured } });
      expect(replay.status).toBe(401);
      expect((await replay.json()).error.code).toBe("unauthorized");
    }
  });

  it("a password change revokes every earlier session and keeps the caller signed in", async () => {
    const { client, email, password } = await signedInClient(server.url);
    const other = newClient(server.url);
    await other.auth.login({ email, password });
    const capturedOwn = client.transport.cookieHeader();
    await client.auth.changePassword({ currentPassword: password, newPassword: "a brand new password" });
    await expect(client.auth.session()).resolves.toMatchObject({ user: { email } });
    expect((await errorOf(other.auth.session())).status).toBe(401);
    const replay = await fetch(new URL("/api/auth/session", server.url), { headers: { cookie: capturedOwn } });
    expect(replay.status).toBe(401);
    await expect(newClient(server.url).auth.login({ email, password: "a brand new password" })).resolves.toBeDefined();
  });

  it("refuses forged or tampered cookies", async () => {
    const { client } = await signedInClient(server.url);
    const token = client.transport.cookieHeader().split("=")[1] ?? "";
    const [header, payload] = token.split(".");
    const forged = `slipstream_session=${header}.${payload}.AAAA`;
    const response = await fetch(new URL("/api/auth/session", server.url), { headers: { cookie: forged } });
    expect(response.status).toBe(401);
  });

  it("validates registration input", async () => {
    const short = await post("/api/auth/register", { email: "short@example.test", password: "123" });
    expect(short.status).toBe(400);
    expect((await short.json()).error.code).toBe("invalid_request");
    const badEmail = await post("/api/auth/register", { email: "not-an-email", password: "long enough password" });
    expect(badEmail.status).toBe(400);
  });
});

describe("behind HTTPS", () => {
  it("marks the session cookie Secure when PUBLIC_URL is https", async () => {
    const own = await startServer({ PUBLIC_URL: "https://chat.example.test" });
    try {
      const response = await fetch(new URL("/api/auth/register", own.url), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "secure@example.test", password: "a long enough secret" }),
      });
      expect(response.status).toBe(201);
      expect(response.headers.get("set-cookie")).toMatch(/;\s*Secure/i);
    } finally {
      await own.stop();
      await removeDir(own.dataDir);
    }
  });
});

describe("login throttling per address", () => {
  it("rate-limits failed logins per IP across accounts", async () => {
    const own = await startServer({ LOGIN_MAX_ATTEMPTS: "2" });
    try {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 21; attempt += 1) {
        const response = await fetch(new URL("/api/auth/login", own.url), {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email: `spray-${attempt}@example.test`, password: "wrong password" }),
        });
        statuses.push(response.status);
      }
      expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
      expect(statuses[20]).toBe(429);
    } finally {
      await own.stop();
      await removeDir(own.dataDir);
    }
  });
});
