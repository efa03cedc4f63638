import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSqliteStore } from "../store/sqlite.ts";
import { newUser } from "../store/store.contract.fixtures.ts";
import type { Store } from "../store/types.ts";
import { createExternalAccounts } from "./external-accounts.ts";
import { verifyPassword } from "./passwords.ts";

const ISSUER = "https://idp.example.test";

describe("accounts of identity providers", () => {
  let store: Store;
  let accounts: ReturnType<typeof createExternalAccounts>;
  beforeEach(async () => {
    store = await openSqliteStore({ path: ":memory:" });
    accounts = createExternalAccounts({ store, adminEmails: new Set(["boss@example.test"]) });
  });
  afterEach(() => store.close());

  it("creates a user on first use, with no password that any guess matches, and finds it again", async () => {
    const claims = { issuer: ISSUER, subject: "u-1", email: "New@Example.test", emailVerified: true, name: "New" };
    const created = await accounts.resolveUser(claims);
    expect(created).toMatchObject({ email: "new@example.test", name: "New" });
    expect(await verifyPassword({ hash: created.passwordHash, password: "" })).toBe(false);
    expect(await verifyPassword({ hash: created.passwordHash, password: created.passwordHash })).toBe(false);
    expect((await accounts.resolveUser({ ...claims, email: "changed@example.test" })).id).toBe(created.id);
  });

  it("gives an unverified or missing email a placeholder address, never the claimed one", async () => {
    const owner = await store.users.createUser(newUser({ email: "owner@example.test" }));
    const claimant = await accounts.resolveUser({
      issuer: ISSUER,
      subject: "claimant",
      email: "owner@example.test",
      emailVerified: false,
    });
    expect(claimant.id).not.toBe(owner.id);
    expect(claimant.email).toMatch(/^[0-9a-f]{32}@external\.invalid$/);
    const anonymous = await accounts.resolveUser({ issuer: ISSUER, subject: "no-email", emailVerified: false });
    expect(anonymous.email).not.toBe(claimant.email);
    // The same subject at another issuer is another person.
    const elsewhere = await accounts.resolveUser({ issuer: `${ISSUER}/b`, subject: "no-email", emailVerified: false });
    expect(elsewhere.id).not.toBe(anonymous.id);
  });

  it("links a verified email to the existing account, and makes ADMIN_EMAILS admins", async () => {
    const owner = await store.users.createUser(newUser({ email: "owner@example.test" }));
    const linked = await accounts.resolveUser({
      issuer: ISSUER,
      subject: "owner",
      email: "owner@example.test",
      emailVerified: true,
    });
    expect(linked.id).toBe(owner.id);
    const boss = await accounts.resolveUser({
      issuer: ISSUER,
      subject: "boss",
      email: "boss@example.test",
      emailVerified: true,
    });
    expect(boss.role).toBe("admin");
  });

  it("resolves concurrent first sign-ins of one identity to one user", async () => {
    const claims = { issuer: ISSUER, subject: "racer", email: "racer@example.test", emailVerified: true };
    const users = await Promise.all([
      accounts.resolveUser(claims),
      accounts.resolveUser(claims),
      accounts.resolveUser(claims),
    ]);
    expect(new Set(users.map((user) => user.id)).size).toBe(1);
  });

  it("refuses a disabled account with account_disabled", async () => {
    const claims = { issuer: ISSUER, subject: "gone", emailVerified: false };
    const user = await accounts.resolveUser(claims);
    await store.users.updateUser({ id: user.id, patch: { disabledAt: new Date().toISOString() } });
    await expect(accounts.resolveUser(claims)).rejects.toMatchObject({ code: "account_disabled" });
  });
});
