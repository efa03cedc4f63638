import type { IncomingHttpHeaders } from "node:http";
import { API_TOKEN_PREFIX, SESSION_COOKIE } from "@slipstream/protocol";
import { describe, expect, it } from "vitest";
import { createMemoryBus } from "../bus/memory.ts";
import type { UserRecord } from "../store/index.ts";
import type { Authenticated, CredentialResolver } from "./credentials.ts";
import { cacheVerifiedCredentials } from "./verified-credentials.ts";

const user = { id: "u1", role: "user", disabledAt: null } as UserRecord;
const session: Authenticated = {
  principal: { userId: "u1", role: "user", via: "session", sessionId: "s1" },
  user,
  expiresAt: "2999-01-01T00:00:00.000Z",
};
const cookie: IncomingHttpHeaders = { cookie: `${SESSION_COOKIE}=signed-session` };

/** A resolver that counts its checks, answering `answer()` (a pending check waits for `release`, when given). */
function countingResolver(answer: () => Authenticated | undefined, release?: Promise<void>) {
  const resolver = {
    checks: 0,
    async resolve(): Promise<Authenticated | undefined> {
      resolver.checks += 1;
      await release;
      return answer();
    },
  } satisfies CredentialResolver & { checks: number };
  return resolver;
}

function cacheOver(credentials: CredentialResolver, now = () => 0, maxEntries = 100) {
  const bus = createMemoryBus();
  return { bus, cache: cacheVerifiedCredentials({ credentials, bus, ttlMs: 30_000, maxEntries, now }) };
}

describe("verified credentials cache", () => {
  it("checks a session once within its time to live, then again", async () => {
    let time = 0;
    const credentials = countingResolver(() => session);
    const { cache } = cacheOver(credentials, () => time);
    expect(await cache.resolve(cookie)).toEqual(session);
    time = 29_999;
    await cache.resolve(cookie);
    expect(credentials.checks).toBe(1);
    time = 30_000;
    await cache.resolve(cookie);
    expect(credentials.checks).toBe(2);
  });

  it("refuses a session on the request after its revocation, a token after its deletion, an account once disabled", async () => {
    const token: Authenticated = {
      principal: { userId: "u2", role: "user", via: "token", tokenId: "t1" },
      user: { ...user, id: "u2" },
      expiresAt: null,
    };
    const bearer = { authorization: `Bearer ${API_TOKEN_PREFIX}0123456789abcdef` };
    let valid = true;
    const sessions = countingResolver(() => (valid ? session : undefined));
    const tokens = countingResolver(() => (valid ? token : undefined));
    const both: CredentialResolver = {
      resolve: (headers) => (headers.authorization ? tokens.resolve() : sessions.resolve()),
    };
    const { bus, cache } = cacheOver(both);
    await cache.resolve(cookie);
    expect((await cache.resolve(bearer))?.principal.tokenId).toBe("t1");
    valid = false;
    await bus.publish("session.revoked", { sessionIds: ["s1"] });
    expect(await cache.resolve(cookie)).toBeUndefined();
    expect(await cache.resolve(bearer)).toEqual(token);
    await bus.publish("token.revoked", { tokenIds: ["t1"] });
    expect(await cache.resolve(bearer)).toBeUndefined();

    valid = true;
    await cache.resolve(cookie);
    await bus.publish("user.disabled", { userId: "u1" });
    valid = false;
    expect(await cache.resolve(cookie)).toBeUndefined();
  });

  it("reads an account again once an administrator changed its role", async () => {
    let role: Authenticated["principal"]["role"] = "admin";
    const credentials = countingResolver(() => ({ ...session, principal: { ...session.principal, role } }));
    const { bus, cache } = cacheOver(credentials);
    expect((await cache.resolve(cookie))?.principal.role).toBe("admin");
    role = "user";
    await bus.publish("user.role.changed", { userId: "u1" });
    expect((await cache.resolve(cookie))?.principal.role).toBe("user");
  });

  it("does not keep a check that a revocation overtook, so it cannot bring the session back", async () => {
    let release = () => {};
    const pending = new Promise<void>((resolve) => {
      release = resolve;
    });
    let valid = true;
    const credentials = countingResolver(() => (valid ? session : undefined), pending);
    const { bus, cache } = cacheOver(credentials);
    const check = cache.resolve(cookie);
    await bus.publish("session.revoked", { sessionIds: ["s1"] });
    release();
    await check;
    valid = false;
    expect(await cache.resolve(cookie)).toBeUndefined();
  });

  it("keeps no session past its own end, nor more sessions than its bound", async () => {
    let time = Date.parse("2030-01-01T00:00:00.000Z");
    const ending = { ...session, expiresAt: new Date(time + 1_000).toISOString() };
    const credentials = countingResolver(() => ending);
    const { cache } = cacheOver(credentials, () => time, 2);
    await cache.resolve(cookie);
    time += 1_000;
    await cache.resolve(cookie);
    expect(credentials.checks).toBe(2);

    const other = (n: number) => ({ cookie: `${SESSION_COOKIE}=session-${n}` });
    await cache.resolve(other(1));
    await cache.resolve(other(2));
    const before = credentials.checks;
    await cache.resolve(cookie);
    expect(credentials.checks).toBe(before + 1);
  });

  it("checks credentials the bus cannot revoke (JWTs) on every request", async () => {
    const credentials = countingResolver(() => session);
    const { cache } = cacheOver(credentials);
    const jwt = { authorization: "Bearer eyJhbGciOiJSUzI1NiJ9.e30.sig" };
    await cache.resolve(jwt);
    await cache.resolve(jwt);
    expect(credentials.checks).toBe(2);
  });
});
