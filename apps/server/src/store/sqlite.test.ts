import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openSqliteStore } from "./sqlite.ts";
import { newUser } from "./store.contract.fixtures.ts";
import { runStoreContract } from "./store.contract.ts";
import { describeUpgradeContract } from "./store.contract.upgrade.ts";

const directory = await mkdtemp(join(tmpdir(), "slipstream-store-"));
afterAll(() => rm(directory, { recursive: true, force: true }));

runStoreContract({ name: "sqlite", create: () => openSqliteStore({ path: join(directory, "contract.sqlite") }) });

describeUpgradeContract({
  name: "SQLite",
  openAtFirstRelease: () =>
    openSqliteStore({ path: join(directory, "upgrade.sqlite"), migrateUpTo: "0002_sweep_index" }),
  reopen: () => openSqliteStore({ path: join(directory, "upgrade.sqlite") }),
});

describe("openSqliteStore", () => {
  it("creates missing parent directories and keeps data across close and reopen", async () => {
    const path = join(directory, "nested", "deeper", "reopen.sqlite");
    const user = newUser();
    const first = await openSqliteStore({ path });
    expect(first.kind).toBe("sqlite");
    const created = await first.users.createUser(user);
    await first.close();

    // Reopening runs the migrator again, which must find nothing to do.
    const second = await openSqliteStore({ path });
    try {
      expect(await second.users.findUserById({ id: user.id })).toEqual(created);
    } finally {
      await second.close();
    }
  });

  it("opens an in-memory database for :memory:", async () => {
    const store = await openSqliteStore({ path: ":memory:" });
    try {
      const user = await store.users.createUser(newUser());
      expect(await store.users.findUserById({ id: user.id })).toEqual(user);
      expect(user.role).toBe("admin");
    } finally {
      await store.close();
    }
  });
});
