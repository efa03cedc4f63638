import { v7 as uuidv7 } from "uuid";
import { describe, expect, it } from "vitest";
import type { Store } from "./index.ts";
import { at, newUser } from "./store.contract.fixtures.ts";

/** The imports part of `runStoreContract`. */
export function describeImportsContract(store: () => Store): void {
  describe("imports", () => {
    it("keeps an import's progress and the conversations it wrote so far, in and out of transactions", async () => {
      const user = await store().users.createUser(newUser());
      const created = await store().imports.createImport({
        id: uuidv7(),
        userId: user.id,
        status: "queued",
        total: 3,
        done: 0,
        conversationIds: [],
        error: null,
        payloadKey: `imports/${uuidv7()}.json`,
        createdAt: at({ ms: 0 }),
        updatedAt: at({ ms: 0 }),
      });
      expect(await store().imports.findImportById({ id: created.id })).toEqual(created);

      const progressed = await store().imports.updateImport({
        id: created.id,
        patch: { status: "running", done: 2, conversationIds: ["c1", "c2"], updatedAt: at({ ms: 1 }) },
      });
      expect(progressed).toEqual({
        ...created,
        status: "running",
        done: 2,
        conversationIds: ["c1", "c2"],
        updatedAt: at({ ms: 1 }),
      });
      const failed = await store().imports.updateImport({
        id: created.id,
        patch: { status: "error", error: "The payload is gone." },
      });
      expect(failed).toMatchObject({ status: "error", error: "The payload is gone.", conversationIds: ["c1", "c2"] });
      expect(await store().imports.updateImport({ id: uuidv7(), patch: { done: 1 } })).toBeUndefined();

      const advanced = await store().imports.advanceImport({ id: created.id, from: 2, updatedAt: at({ ms: 2 }) });
      expect(advanced).toMatchObject({ done: 3, status: "running", updatedAt: at({ ms: 2 }) });
      // A second attempt that read the same progress does not count the same conversation again.
      expect(
        await store().imports.advanceImport({ id: created.id, from: 2, updatedAt: at({ ms: 3 }) }),
      ).toBeUndefined();
      await expect(
        store().transaction(async (tx) => {
          await tx.imports.advanceImport({ id: created.id, from: 3, updatedAt: at({ ms: 4 }) });
          throw new Error("rolled back");
        }),
      ).rejects.toThrow("rolled back");
      expect((await store().imports.findImportById({ id: created.id }))?.done).toBe(3);
    });
  });
}
