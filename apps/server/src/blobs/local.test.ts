import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runBlobStoreContract } from "./blob-store.contract.ts";
import { createLocalBlobStore } from "./local.ts";

const root = await mkdtemp(join(tmpdir(), "slipstream-blobs-"));
afterAll(() => rm(root, { recursive: true, force: true }));

runBlobStoreContract({ name: "local", create: async () => createLocalBlobStore({ root }) });

describe("local blobs", () => {
  it("refuses a key that would leave its folder", async () => {
    const blobs = createLocalBlobStore({ root });
    await expect(blobs.head({ key: "../outside" })).rejects.toThrow(/Invalid blob key/);
    await expect(blobs.head({ key: "/etc/passwd" })).rejects.toThrow(/Invalid blob key/);
  });
});
