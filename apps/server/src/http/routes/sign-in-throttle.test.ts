import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeDir, signedInClient, startServer, type TestServer } from "../../../test/support.ts";

let behindProxy: TestServer;
let direct: TestServer;
beforeAll(async () => {
  [behindProxy, direct] = await Promise.all([
    startServer({
      LOGIN_MAX_ATTEMPTS: "3",
      TRUST_PROXY: "127.0.0.1",
      REGISTRATIONS_PER_ADDRESS_PER_HOUR: "2",
    }),
    startServer({ LOGIN_MAX_ATTEMPTS: "3" }),
  ]);
});
afterAll(async () => {
  for (const server of [behindProxy, direct]) {
    await server.stop();
    await removeDir(server.dataDir);
  }
});

/** A request as the load balancer at 127.0.0.1 forwards it for the client at `from`. */
const post = (server: TestServer, path: string, body: unknown, from: string, cookie?: string) =>
  fetch(new URL(path, server.url), {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": from, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });

describe("password guessing is slowed per account and address, never a lockout", () => {
  it("keeps the owner signing in from their address while a stranger's address waits with Retry-After", async () => {
    const { email, password } = await signedInClient(behindProxy.url);
    for (let guess = 0; guess < 3; guess += 1) {
      expect((await post(behindProxy, "/api/auth/login", { email, password: "guess" }, "203.0.113.9")).status).toBe(
        401,
      );
    }
    const stranger = await post(behindProxy, "/api/auth/login", { email, password }, "203.0.113.9");
    expect(stranger.status).toBe(429);
    expect(Number(stranger.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await post(behindProxy, "/api/auth/login", { email, password }, "198.51.100.7")).status).toBe(200);
  });

  it("believes X-Forwarded-For only from TRUST_PROXY: a spoofed header does not reset the count", async () => {
    const { email, password } = await signedInClient(direct.url);
    for (let guess = 0; guess < 3; guess += 1) {
      expect((await post(direct, "/api/auth/login", { email, password: "guess" }, `192.0.2.${guess}`)).status).toBe(
        401,
      );
    }
    expect((await post(direct, "/api/auth/login", { email, password }, "192.0.2.200")).status).toBe(429);
  });

  it("throttles guesses of the current password on a password change the same way", async () => {
    const { client, password } = await signedInClient(behindProxy.url);
    const cookie = client.transport.cookieHeader();
    const change = (currentPassword: string) =>
      post(
        behindProxy,
        "/api/auth/password",
        { currentPassword, newPassword: "a new password" },
        "203.0.113.20",
        cookie,
      );
    const statuses = [];
    for (let guess = 0; guess < 4; guess += 1) statuses.push((await change("wrong guess")).status);
    expect(statuses).toEqual([403, 403, 403, 429]);
    expect((await change(password)).status).toBe(429);
  });

  it("limits registrations per address, with Retry-After", async () => {
    const register = (n: number, from: string) =>
      post(
        behindProxy,
        "/api/auth/register",
        { email: `new-${n}-${Date.now()}@example.test`, password: "long enough" },
        from,
      );
    expect((await register(1, "203.0.113.30")).status).toBe(201);
    expect((await register(2, "203.0.113.30")).status).toBe(201);
    const refused = await register(3, "203.0.113.30");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await register(4, "203.0.113.31")).status).toBe(201);
  });
});
