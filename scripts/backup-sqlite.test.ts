import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openSqliteStore } from "../apps/server/src/store/sqlite.ts";
import { newUser } from "../apps/server/src/store/store.contract.fixtures.ts";
import { backupSqlite } from "./backup-sqlite.ts";

describe("npm run backup (SQLite online backup)", () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("copies a live database, including writes still in its WAL, into a file that opens and migrates", async () => {
    dir = await mkdtemp(join(tmpdir(), "slipstream-backup-"));
    const database = join(dir, "slipstream.db");
    const store = await openSqliteStore({ path: database });
    const user = await store.users.createUser(newUser());
    // The store stays open (a running server): the backup must see its committed rows anyway.
    const target = join(dir, "backup.db");
    expect(await backupSqlite({ database, target })).toBeGreaterThan(0);
    await store.users.createUser(newUser());
    await store.close();

    const restored = await openSqliteStore({ path: target });
    expect((await restored.users.listUsers()).map((row) => row.id)).toEqual([user.id]);
    await restored.close();
    await expect(backupSqlite({ database, target })).rejects.toThrow(/exists/);
  });
});
