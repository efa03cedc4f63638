import { hkdfSync } from "node:crypto";
import { EncryptJWT, jwtDecrypt } from "jose";

/** What the callback needs to finish a sign-in begun by this browser, kept in the browser, sealed. */
export type OidcFlow = { state: string; nonce: string; codeVerifier: string };

const FLOW_TTL_SECONDS = 10 * 60;

/**
 * Seals the flow of a sign-in into an encrypted, expiring cookie value (A256GCM under a key derived from the session
 * secret), so any instance can finish a sign-in that another began, and the PKCE verifier is never readable.
 */
export function createOidcFlowSeal({ secret }: { secret: string }) {
  const key = new Uint8Array(hkdfSync("sha256", secret, "slipstream", "oidc flow cookie", 32));
  return {
    ttlSeconds: FLOW_TTL_SECONDS,
    seal(flow: OidcFlow): Promise<string> {
      return new EncryptJWT({ ...flow })
        .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
        .setIssuedAt()
        .setExpirationTime(`${FLOW_TTL_SECONDS}s`)
        .encrypt(key);
    },
    /** Undefined for anything that is not an unexpired flow sealed by us. */
    async open(sealed: string): Promise<OidcFlow | undefined> {
      try {
        const { payload } = await jwtDecrypt(sealed, key, { keyManagementAlgorithms: ["dir"] });
        const { state, nonce, codeVerifier } = payload;
        if (typeof state !== "string" || typeof nonce !== "string" || typeof codeVerifier !== "string")
          return undefined;
        return { state, nonce, codeVerifier };
      } catch {
        return undefined;
      }
    },
  };
}
export type OidcFlowSeal = ReturnType<typeof createOidcFlowSeal>;
