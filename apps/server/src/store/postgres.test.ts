import { type Kysely, sql } from "kysely";
import pg from "pg";
import { describe, expect, it, onTestFinished } from "vitest";
import { createTestPostgresDatabase } from "../../test/postgres-database.ts";
import { eventually } from "../../test/support.ts";
import { openPostgresStore } from "./postgres.ts";
import { newUser } from "./store.contract.fixtures.ts";
import { runStoreContract } from "./store.contract.ts";
import { describeUpgradeContract } from "./store.contract.upgrade.ts";
import { DATABASE_UNAVAILABLE } from "./unavailable.ts";

const contractDatabase = await createTestPostgresDatabase();

if ("skip" in contractDatabase) {
  console.log(`postgres tests skipped: ${contractDatabase.skip}`);
  describe.skip(`postgres store (skipped: ${contractDatabase.skip})`, () => {});
} else {
  runStoreContract({
    name: "postgres",
    create: () => openPostgresStore({ url: contractDatabase.url }),
    cleanup: () => contractDatabase.drop(),
  });

  describeUpgradeContract({
    name: "Postgres",
    openAtRelease: async (lastMigration) => {
      const database = await createTestPostgresDatabase();
      if ("skip" in database) throw new Error(`Postgres became unreachable: ${database.skip}`);
      onTestFinished(() => database.drop());
      return {
        old: await openPostgresStore({ url: database.url, migrateUpTo: lastMigration }),
        reopen: () => openPostgresStore({ url: database.url }),
      };
    },
  });

  describe("the Postgres store when the server goes away", () => {
    it("lives through the connection of an open transaction being terminated, which then fails with unavailable", async () => {
      const database = await createTestPostgresDatabase();
      if ("skip" in database) throw new Error(`Postgres became unreachable: ${database.skip}`);
      const reported: Error[] = [];
      const store = await openPostgresStore({ url: database.url, onConnectionError: (error) => reported.push(error) });
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      try {
        const failed = store
          .transaction(async (tx) => {
            const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(
              tx.handle as Kysely<unknown>,
            );
            await admin.query("select pg_terminate_backend($1)", [rows[0]?.pid]);
            // Checked out and between queries, the connection reports its end as an 'error' event of its own:
            // without a listener that event would end the process.
            await eventually(() => expect(reported.length).toBeGreaterThan(0));
            await tx.users.findUserById({ id: "nobody" });
          })
          .then(
            () => undefined,
            (error: unknown) => error,
          );
        expect(await failed).toMatchObject({ code: "unavailable", message: DATABASE_UNAVAILABLE });
        await store.ping();
        expect(await store.users.findUserById({ id: "nobody" })).toBeUndefined();
      } finally {
        await admin.end();
        await store.close();
        await database.drop();
      }
    });
  });

  describe("openPostgresStore", () => {
    it("migrates safely when several stores start at once against a fresh database", async () => {
      const database = await createTestPostgresDatabase();
      if ("skip" in database) throw new Error(`Postgres became unreachable: ${database.skip}`);
      try {
        const stores = await Promise.all([1, 2, 3, 4].map(() => openPostgresStore({ url: database.url })));
        try {
          const user = newUser();
          const [first, second] = stores;
          expect(first?.kind).toBe("postgres");
          const created = await first?.users.createUser(user);
          expect(await second?.users.findUserById({ id: user.id })).toEqual(created);
        } finally {
          await Promise.all(stores.map((store) => store.close()));
        }
      } finally {
        await database.drop();
      }
    });
  });
}
