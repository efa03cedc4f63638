import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createEnvelopeSecretBox } from "./envelope.ts";
import { resolveMasterKey } from "./master-key.ts";

const KEY = "sk-live-0123456789abcdef";

describe("envelope secret box", () => {
  const masterKey = randomBytes(32);
  const box = createEnvelopeSecretBox({ masterKey });

  it("opens what it sealed under the same context, and the sealed text holds no trace of the secret", () => {
    const sealed = box.seal({ plaintext: KEY, context: "provider-key:user-1:key-1" });
    expect(sealed).not.toContain(KEY);
    expect(sealed).not.toContain(Buffer.from(KEY).toString("base64url").slice(0, 12));
    expect(box.open({ sealed, context: "provider-key:user-1:key-1" })).toBe(KEY);
    // A fresh data key and IV each time: the same secret never seals to the same text.
    expect(box.seal({ plaintext: KEY, context: "provider-key:user-1:key-1" })).not.toBe(sealed);
  });

  it("refuses a secret moved to another owner or another key id", () => {
    const sealed = box.seal({ plaintext: KEY, context: "provider-key:user-1:key-1" });
    expect(() => box.open({ sealed, context: "provider-key:user-2:key-1" })).toThrow();
    expect(() => box.open({ sealed, context: "provider-key:user-1:key-2" })).toThrow();
  });

  it("refuses a tampered secret and one sealed by an unknown master key", () => {
    const sealed = box.seal({ plaintext: KEY, context: "c" });
    const fields = sealed.split(".");
    const data = Buffer.from(fields[7] ?? "", "base64url");
    data[0] = (data[0] ?? 0) ^ 1;
    fields[7] = data.toString("base64url");
    expect(() => box.open({ sealed: fields.join("."), context: "c" })).toThrow();
    const stranger = createEnvelopeSecretBox({ masterKey: randomBytes(32) });
    expect(() => stranger.open({ sealed, context: "c" })).toThrow(/master key this server does not have/);
  });

  it("opens secrets of a previous master key, and rewraps them under the current one", () => {
    const old = createEnvelopeSecretBox({ masterKey });
    const sealed = old.seal({ plaintext: KEY, context: "c" });
    const rotated = createEnvelopeSecretBox({ masterKey: randomBytes(32), previous: [masterKey] });
    expect(rotated.isCurrent(sealed)).toBe(false);
    expect(rotated.open({ sealed, context: "c" })).toBe(KEY);
    const rewrapped = rotated.rewrap({ sealed, context: "c" });
    expect(rotated.isCurrent(rewrapped)).toBe(true);
    // Rewrapping changes only the wrapped data key: the ciphertext of the secret stays as it was.
    expect(rewrapped.split(".").slice(5)).toEqual(sealed.split(".").slice(5));
    expect(() => old.open({ sealed: rewrapped, context: "c" })).toThrow();
    expect(() => rotated.rewrap({ sealed, context: "other" })).toThrow();
  });

  it("refuses master keys that are not 32 bytes", () => {
    expect(() => createEnvelopeSecretBox({ masterKey: randomBytes(16) })).toThrow(/32 bytes/);
  });
});

describe("resolveMasterKey", () => {
  it("generates a key once into DATA_DIR, readable only by its owner, and reads it back afterwards", async () => {
    const dir = await mkdtemp(join(tmpdir(), "slipstream-keys-"));
    try {
      const first = await resolveMasterKey({ dataDir: dir });
      expect(first).toHaveLength(32);
      expect(await resolveMasterKey({ dataDir: dir })).toEqual(first);
      expect((await stat(join(dir, "keys-master-key"))).mode & 0o777).toBe(0o600);
      expect(Buffer.from((await readFile(join(dir, "keys-master-key"), "utf8")).trim(), "base64")).toEqual(first);
      const configured = randomBytes(32);
      expect(await resolveMasterKey({ configured, dataDir: dir })).toBe(configured);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
