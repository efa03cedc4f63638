import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { v7 as uuidv7 } from "uuid";
import { describe, expect, it } from "vitest";
import { removeDir } from "../../test/support.ts";
import { providerKeyContext } from "../providers/user-models.ts";
import { openSqliteStore } from "../store/sqlite.ts";
import { createEnvelopeSecretBox } from "./envelope.ts";
import { userSecretContext } from "./user-secrets.service.ts";

const CLI = new URL("./rotate-cli.ts", import.meta.url).pathname;

describe("npm run keys:rotate", () => {
  it("rewraps every key and user secret sealed by the previous master key, which then opens with the new key alone", async () => {
    const dir = await mkdtemp(join(tmpdir(), "slipstream-rotate-"));
    try {
      const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
      const store = await openSqliteStore({ path: join(dir, "slipstream.db") });
      const user = await store.users.createUser({
        id: uuidv7(),
        email: "rotate@example.test",
        name: null,
        passwordHash: "x",
        role: "user",
        disabledAt: null,
        createdAt: new Date().toISOString(),
      });
      const id = uuidv7();
      const sealed = createEnvelopeSecretBox({ masterKey: oldKey }).seal({
        plaintext: "sk-rotate-me",
        context: providerKeyContext({ userId: user.id, id }),
      });
      await store.providerKeys.createKey({
        id,
        userId: user.id,
        provider: "openai",
        modelProvider: "openai",
        label: "openai",
        baseUrl: null,
        hint: "…e-me",
        secret: sealed,
        createdAt: new Date().toISOString(),
        lastUsedAt: null,
      });
      const secretKey = { userId: user.id, name: "GITHUB_TOKEN" };
      await store.userSecrets.putSecret({
        ...secretKey,
        hint: "…",
        secret: createEnvelopeSecretBox({ masterKey: oldKey }).seal({
          plaintext: "ghp-rotate-me",
          context: userSecretContext(secretKey),
        }),
        createdAt: new Date().toISOString(),
        updatedAt: new Date().toISOString(),
      });
      await store.close();

      const env = {
        PATH: process.env.PATH ?? "",
        DATA_DIR: dir,
        KEYS_MASTER_KEY: newKey.toString("base64"),
        KEYS_MASTER_KEY_PREVIOUS: oldKey.toString("base64"),
      };
      const run = () => promisify(execFile)(process.execPath, [CLI], { env });
      expect((await run()).stdout).toContain("Rewrapped 2 secret(s) under the current master key; 0 already were.");
      expect((await run()).stdout).toContain("Rewrapped 0 secret(s) under the current master key; 2 already were.");

      const reopened = await openSqliteStore({ path: join(dir, "slipstream.db") });
      const [key] = await reopened.providerKeys.listKeysByUserId({ userId: user.id });
      const [userSecret] = await reopened.userSecrets.listSecretsByUserId({ userId: user.id });
      await reopened.close();
      const onlyNew = createEnvelopeSecretBox({ masterKey: newKey });
      expect(onlyNew.open({ sealed: key?.secret ?? "", context: providerKeyContext({ userId: user.id, id }) })).toBe(
        "sk-rotate-me",
      );
      expect(onlyNew.open({ sealed: userSecret?.secret ?? "", context: userSecretContext(secretKey) })).toBe(
        "ghp-rotate-me",
      );
    } finally {
      await removeDir(dir);
    }
  });
});
