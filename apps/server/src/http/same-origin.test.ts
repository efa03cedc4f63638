import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAKE_MODEL, signedInClient, startServerWithFakeProvider } from "../../test/support.ts";

let env: Awaited<ReturnType<typeof startServerWithFakeProvider>>;
beforeAll(async () => {
  env = await startServerWithFakeProvider({ CORS_ORIGINS: "http://app.example.test" });
});
afterAll(() => env.stop());

/** A page on another port of the same host: same site, so a SameSite=Lax cookie rides along, but another origin. */
const sameSiteAttacker = () => `http://127.0.0.1:${Number(new URL(env.server.url).port) + 1}`;

async function session(cookie: string) {
  return (await fetch(new URL("/api/auth/session", env.server.url), { headers: { cookie } })).status;
}

describe("cross-site request forgery", () => {
  it("refuses body-less state changes from another origin's page, by Origin or by Sec-Fetch-Site", async () => {
    const { client } = await signedInClient(env.server.url);
    const cookie = client.transport.cookieHeader();
    const forged: { path: string; headers: Record<string, string> }[] = [
      { path: "/api/auth/logout", headers: { origin: sameSiteAttacker() } },
      { path: "/api/conversations", headers: { origin: "null" } },
      { path: "/api/auth/logout-all", headers: { "sec-fetch-site": "same-site" } },
      { path: "/api/conversations", headers: { "sec-fetch-site": "cross-site" } },
    ];
    for (const { path, headers } of forged) {
      const response = await fetch(new URL(path, env.server.url), { method: "POST", headers: { cookie, ...headers } });
      expect(response.status, `${path} ${JSON.stringify(headers)}`).toBe(403);
      expect((await response.json()).error.code).toBe("forbidden");
    }
    expect(await session(cookie)).toBe(200);
    expect(await client.conversations.list()).toHaveLength(0);
  });

  it("lets the server's own pages, listed origins and non-browser clients through", async () => {
    const { client } = await signedInClient(env.server.url);
    const cookie = client.transport.cookieHeader();
    const create = (headers: Record<string, string>) =>
      fetch(new URL("/api/conversations", env.server.url), {
        method: "POST",
        headers: { cookie, "content-type": "application/json", ...headers },
        body: JSON.stringify({ model: FAKE_MODEL }),
      });
    expect((await create({ origin: env.server.url })).status).toBe(201);
    expect((await create({ origin: "http://app.example.test" })).status).toBe(201);
    expect((await create({ "sec-fetch-site": "same-origin" })).status).toBe(201);
    expect((await create({})).status).toBe(201);
  });

  it("exempts bearer tokens, which no browser attaches on its own", async () => {
    const { client } = await signedInClient(env.server.url);
    const { secret } = await client.tokens.create({ name: "script" });
    const response = await fetch(new URL("/api/conversations", env.server.url), {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, origin: sameSiteAttacker(), "content-type": "application/json" },
      body: JSON.stringify({ model: FAKE_MODEL }),
    });
    expect(response.status).toBe(201);
  });
});
