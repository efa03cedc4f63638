import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";

/**
 * One-time upload URLs on this server, for local storage: `/api/uploads/:id/content?expires=…&signature=…`, an
 * HMAC of the upload's id and expiry under a key derived from the session secret (its own key, so a signature
 * here can never pass for a session token).
 */
export function createUploadUrlSigner({ secret }: { secret: string }) {
  const key = Buffer.from(hkdfSync("sha256", secret, "slipstream", "upload urls", 32));
  const sign = (id: string, expires: number) =>
    createHmac("sha256", key).update(`${id}.${expires}`).digest("base64url");

  return {
    url({ id, expiresAt }: { id: string; expiresAt: Date }): string {
      const expires = Math.floor(expiresAt.getTime() / 1000);
      return `/api/uploads/${encodeURIComponent(id)}/content?expires=${expires}&signature=${sign(id, expires)}`;
    },
    /** "valid", or why not: a bad signature and an expired one are told apart (401 and 410). */
    check({ id, expires, signature, now }: { id: string; expires: number; signature: string; now: Date }) {
      const expected = Buffer.from(sign(id, expires));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return "forged" as const;
      return now.getTime() > expires * 1000 ? ("expired" as const) : ("valid" as const);
    },
  };
}
export type UploadUrlSigner = ReturnType<typeof createUploadUrlSigner>;
