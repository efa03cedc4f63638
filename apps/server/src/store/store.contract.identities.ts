import { describe, expect, it } from "vitest";
import { at, newUser } from "./store.contract.fixtures.ts";
import type { Store } from "./types.ts";

export function describeIdentitiesContract(store: () => Store): void {
  describe("user identities", () => {
    it("links an issuer's subject to a user once, and finds it again", async () => {
      const user = await store().users.createUser(newUser());
      const other = await store().users.createUser(newUser());
      const issuer = `https://idp-${user.id}.example.test`;
      expect(await store().identities.findIdentity({ issuer, subject: "alice" })).toBeUndefined();

      const linked = await store().identities.linkIdentity({
        issuer,
        subject: "alice",
        userId: user.id,
        createdAt: at(),
      });
      expect(linked).toEqual({ issuer, subject: "alice", userId: user.id, createdAt: at() });
      // A second first sign-in racing the first keeps the first user.
      const again = await store().identities.linkIdentity({
        issuer,
        subject: "alice",
        userId: other.id,
        createdAt: at({ ms: 1 }),
      });
      expect(again.userId).toBe(user.id);
      expect((await store().identities.findIdentity({ issuer, subject: "alice" }))?.userId).toBe(user.id);
      // The same subject at another issuer is someone else.
      expect(await store().identities.findIdentity({ issuer: `${issuer}/other`, subject: "alice" })).toBeUndefined();
    });
  });
}
