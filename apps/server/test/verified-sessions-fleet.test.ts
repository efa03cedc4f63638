import { afterAll, describe, expect, it } from "vitest";
import { startFleet } from "./fleet.ts";
import { eventually, signedInClient } from "./support.ts";

// Longer than any wait below: a refusal here comes from the revocation on the bus, never from the cache forgetting.
const fleet = await startFleet({ SESSION_CACHE_TTL_MS: "600000" });

if ("skip" in fleet) {
  console.log(`verified sessions fleet tests skipped: ${fleet.skip}`);
  describe.skip(`verified sessions on two instances (skipped: ${fleet.skip})`, () => {});
} else {
  const { a, b } = fleet;
  afterAll(() => fleet.stop());

  const statusOn = async (url: string, headers: Record<string, string>) =>
    (await fetch(new URL("/api/auth/session", url), { headers })).status;

  describe("verified sessions on two instances over Postgres and Redis", () => {
    it("refuses a signed-out session on both instances, though both had it cached", async () => {
      const { client } = await signedInClient(a.url);
      const cookie = { cookie: client.transport.cookieHeader() };
      expect([await statusOn(a.url, cookie), await statusOn(b.url, cookie)]).toEqual([200, 200]);
      await client.auth.logout();
      expect(await statusOn(a.url, cookie)).toBe(401);
      await eventually(async () => expect(await statusOn(b.url, cookie)).toBe(401));
    });

    it("refuses a deleted API token on both instances, though both had it cached", async () => {
      const { client } = await signedInClient(a.url);
      const { token, secret } = await client.tokens.create({ name: "script" });
      const bearer = { authorization: `Bearer ${secret}` };
      expect([await statusOn(a.url, bearer), await statusOn(b.url, bearer)]).toEqual([200, 200]);
      await client.tokens.revoke(token.id);
      expect(await statusOn(a.url, bearer)).toBe(401);
      await eventually(async () => expect(await statusOn(b.url, bearer)).toBe(401));
    });
  });
}
