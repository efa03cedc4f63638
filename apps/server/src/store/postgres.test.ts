import { afterAll, describe, expect, it } from "vitest";
import { createTestPostgresDatabase } from "../../test/postgres-database.ts";
import { openPostgresStore } from "./postgres.ts";
import { newUser } from "./store.contract.fixtures.ts";
import { runStoreContract } from "./store.contract.ts";
import { describeUpgradeContract } from "./store.contract.upgrade.ts";

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

  const upgradeDatabase = await createTestPostgresDatabase();
  if ("skip" in upgradeDatabase) throw new Error(`Postgres became unreachable: ${upgradeDatabase.skip}`);
  afterAll(() => upgradeDatabase.drop());
  describeUpgradeContract({
    name: "Postgres",
    openAtFirstRelease: () => openPostgresStore({ url: upgradeDatabase.url, migrateUpTo: "0002_sweep_index" }),
    reopen: () => openPostgresStore({ url: upgradeDatabase.url }),
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
