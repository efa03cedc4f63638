import { jwtVerify, SignJWT } from "jose";

const ALGORITHM = "HS256";
const ISSUER = "slipstream";

export type SessionClaims = { sessionId: string; userId: string };

/** Signs and checks session cookies. The session row is the authority; the signature only keeps forgeries away from the store. */
export function createSessionTokens({ secret }: { secret: string }) {
  // Imported once: handing jose raw bytes would import the key again on every request.
  const key = crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign", "verify"],
  );
  return {
    async sign({ sessionId, userId, expiresAt }: SessionClaims & { expiresAt: Date }): Promise<string> {
      return new SignJWT({ sid: sessionId })
        .setProtectedHeader({ alg: ALGORITHM })
        .setSubject(userId)
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setExpirationTime(expiresAt)
        .sign(await key);
    },
    /** Undefined for anything that is not a valid, unexpired token of ours. */
    async verify(token: string): Promise<SessionClaims | undefined> {
      try {
        const { payload } = await jwtVerify(token, await key, { algorithms: [ALGORITHM], issuer: ISSUER });
        if (typeof payload.sid !== "string" || typeof payload.sub !== "string") return undefined;
        return { sessionId: payload.sid, userId: payload.sub };
      } catch {
        return undefined;
      }
    },
  };
}
export type SessionTokens = ReturnType<typeof createSessionTokens>;
