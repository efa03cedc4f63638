import { hash, verify } from "@node-rs/argon2";

const ARGON2ID = 2; // Algorithm.Argon2id, a const enum that type stripping cannot import

/** OWASP's argon2id baseline: 19 MiB of memory, 2 passes, 1 lane. */
const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** The password hash of an account that signs in only through an identity provider: no password matches it. */
export const NO_PASSWORD = "!no-password";

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export function verifyPassword({ hash: encoded, password }: { hash: string; password: string }): Promise<boolean> {
  if (encoded === NO_PASSWORD) return verifyDecoyPassword(password);
  return verify(encoded, password);
}

let decoyHash: Promise<string> | undefined;

/** Spends the same time as a real check, so an unknown email cannot be told from a wrong password by timing. */
export async function verifyDecoyPassword(password: string): Promise<false> {
  decoyHash ??= hashPassword("decoy password that never matches");
  await verify(await decoyHash, password);
  return false;
}
