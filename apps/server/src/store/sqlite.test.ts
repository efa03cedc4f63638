import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Kysely, sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { isDomainError } from "../errors.ts";
import { MIN_FREE_BYTES, openSqliteStore } from "./sqlite.ts";
import { newConversation, newUser } from "./store.contract.fixtures.ts";
import { runStoreContract } from "./store.contract.ts";
import { describeUpgradeContract } from "./store.contract.upgrade.ts";
import { DISK_FULL } from "./unavailable.ts";

const directory = await mkdtemp(join(tmpdir(), "slipstream-store-"));
afterAll(() => rm(directory, { recursive: true, force: true }));

runStoreContract({ name: "sqlite", create: () => openSqliteStore({ path: join(directory, "contract.sqlite") }) });

describeUpgradeContract({
  name: "SQLite",
  openAtRelease: async (lastMigration) => {
    const path = join(directory, `upgrade-${lastMigration}.sqlite`);
    return {
      old: await openSqliteStore({ path, migrateUpTo: lastMigration }),
      reopen: () => openSqliteStore({ path }),
    };
  },
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

describe("a full SQLite database (the portable stand-in for a full disk: a page cap)", () => {
  const pragma = async (db: Kysely<unknown>, statement: string) =>
    Number(Object.values((await sql.raw(`PRAGMA ${statement}`).execute(db)).rows[0] ?? {})[0]);
  const isDiskFull = (error: unknown) =>
    isDomainError(error) && error.code === "unavailable" && error.message === DISK_FULL;

  it("answers writes and its ping with DomainError unavailable, keeps what was committed, and recovers", async () => {
    const store = await openSqliteStore({ path: join(directory, "full.sqlite") });
    try {
      const db = store.handle as Kysely<unknown>;
      const user = await store.users.createUser(newUser());
      await store.ping();
      const pageSize = await pragma(db, "page_size");
      const pages = await pragma(db, "page_count");
      await pragma(db, `max_page_count = ${pages + 2}`);
      await expect(store.ping()).rejects.toSatisfy(isDiskFull);

      const write = () =>
        store.transaction(async (tx) => {
          for (let i = 0; i < 50; i += 1) {
            await tx.conversations.createConversation(newConversation({ userId: user.id, title: "x".repeat(2_000) }));
          }
        });
      // Under a page cap the statement fails; on a full disk it is the COMMIT (test/faults/disk-full.test.ts).
      await expect(write()).rejects.toSatisfy(isDiskFull);
      expect(await store.conversations.listConversationsByUserId({ userId: user.id })).toEqual([]);
      expect(await store.users.findUserById({ id: user.id })).toEqual(user);

      await pragma(db, `max_page_count = ${pages + Math.ceil((2 * MIN_FREE_BYTES) / pageSize)}`);
      await store.ping();
      await write();
      expect(await store.conversations.listConversationsByUserId({ userId: user.id })).toHaveLength(50);
    } finally {
      await store.close();
    }
  });
});
