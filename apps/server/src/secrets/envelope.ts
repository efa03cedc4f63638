import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import type { SecretBox } from "./index.ts";

const ALGORITHM = "aes-256-gcm";
const VERSION = "v1";
const IV_BYTES = 12;

type Sealed = {
  kid: string;
  wrapIv: Buffer;
  wrapTag: Buffer;
  wrappedKey: Buffer;
  iv: Buffer;
  tag: Buffer;
  data: Buffer;
};

/** A short public id of a master key, so a sealed secret says which key wrapped it without revealing it. */
const keyId = (key: Buffer) => createHash("sha256").update(key).digest("base64url").slice(0, 11);

function encrypt(key: Buffer, plaintext: Buffer, aad: Buffer) {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(aad);
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), data };
}

function decrypt(key: Buffer, { iv, tag, data }: { iv: Buffer; tag: Buffer; data: Buffer }, aad: Buffer) {
  const decipher = createDecipheriv(ALGORITHM, key, iv);
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]);
}

function parse(sealed: string): Sealed {
  const [version, kid, ...fields] = sealed.split(".");
  if (version !== VERSION || !kid || fields.length !== 6) throw new Error("not a sealed secret of this version");
  const [wrapIv, wrapTag, wrappedKey, iv, tag, data] = fields.map((field) => Buffer.from(field, "base64url")) as [
    Buffer,
    Buffer,
    Buffer,
    Buffer,
    Buffer,
    Buffer,
  ];
  return { kid, wrapIv, wrapTag, wrappedKey, iv, tag, data };
}

const format = ({ kid, wrapIv, wrapTag, wrappedKey, iv, tag, data }: Sealed) =>
  [VERSION, kid, ...[wrapIv, wrapTag, wrappedKey, iv, tag, data].map((part) => part.toString("base64url"))].join(".");

/**
 * AES-256-GCM envelope encryption: a fresh data key per secret encrypts it, and the master key wraps that data
 * key; both carry the context as associated data. Older master keys (`previous`) still open what they wrapped.
 * @example const box = createEnvelopeSecretBox({ masterKey, previous: [] }); box.seal({ plaintext, context: "key:u1:k1" })
 */
export function createEnvelopeSecretBox({
  masterKey,
  previous = [],
}: {
  masterKey: Buffer;
  previous?: Buffer[];
}): SecretBox {
  for (const key of [masterKey, ...previous]) {
    if (key.length !== 32) throw new Error("a master key must be 32 bytes");
  }
  const current = keyId(masterKey);
  const keys = new Map([...previous, masterKey].map((key) => [keyId(key), key]));

  const unwrap = (sealed: Sealed, aad: Buffer) => {
    const master = keys.get(sealed.kid);
    if (!master) throw new Error("the secret was sealed with a master key this server does not have");
    return decrypt(master, { iv: sealed.wrapIv, tag: sealed.wrapTag, data: sealed.wrappedKey }, aad);
  };
  const wrap = (dataKey: Buffer, aad: Buffer) => {
    const wrapped = encrypt(masterKey, dataKey, aad);
    return { kid: current, wrapIv: wrapped.iv, wrapTag: wrapped.tag, wrappedKey: wrapped.data };
  };

  return {
    seal({ plaintext, context }) {
      const aad = Buffer.from(context, "utf8");
      const dataKey = randomBytes(32);
      const { iv, tag, data } = encrypt(dataKey, Buffer.from(plaintext, "utf8"), aad);
      return format({ ...wrap(dataKey, aad), iv, tag, data });
    },
    open({ sealed, context }) {
      const aad = Buffer.from(context, "utf8");
      const parsed = parse(sealed);
      return decrypt(unwrap(parsed, aad), parsed, aad).toString("utf8");
    },
    isCurrent: (sealed) => parse(sealed).kid === current,
    rewrap({ sealed, context }) {
      const aad = Buffer.from(context, "utf8");
      const parsed = parse(sealed);
      return format({ ...parsed, ...wrap(unwrap(parsed, aad), aad) });
    },
  };
}
