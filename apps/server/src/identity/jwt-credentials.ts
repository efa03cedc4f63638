import type { IncomingHttpHeaders } from "node:http";
import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify } from "jose";
import { serviceUnavailable } from "../errors.ts";
import { bearerToken, looksLikeJwt } from "./bearer.ts";
import type { Authenticated, CredentialReader } from "./credentials.ts";
import type { ExternalAccounts } from "./external-accounts.ts";

/**
 * Asymmetric algorithms only: with a JWKS of public keys, accepting an HMAC algorithm would let anyone sign with
 * a public key as the secret (the HS/RS confusion), and `none` is no signature at all.
 */
const ALGORITHMS = [
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
  "EdDSA",
  "Ed25519",
];
/** An unknown `kid` refetches the key set, but not more often than this, so junk tokens cannot hammer the provider. */
const JWKS_COOLDOWN_MS = 30_000;
/** Keys are refetched at least this often, so a rotation that drops a key takes effect. */
const JWKS_MAX_AGE_MS = 10 * 60_000;

export type JwtSettings = { issuer: string; audience: string; jwksUrl?: string; clockToleranceSeconds: number };

/** The issuer's `jwks_uri`, from its discovery document. */
async function discoverJwksUrl(issuer: string, fetchImpl: typeof fetch): Promise<URL> {
  const url = new URL(".well-known/openid-configuration", issuer.endsWith("/") ? issuer : `${issuer}/`);
  const response = await fetchImpl(url, { headers: { accept: "application/json" }, redirect: "error" });
  if (!response.ok) throw new Error(`discovery at ${url} answered ${response.status}`);
  const document = (await response.json()) as { jwks_uri?: unknown };
  if (typeof document.jwks_uri !== "string") throw new Error(`discovery at ${url} names no jwks_uri`);
  return new URL(document.jwks_uri);
}

/**
 * Reads `Authorization: Bearer <JWT>` issued by AUTH_JWT_ISSUER for AUTH_JWT_AUDIENCE, verified against the issuer's
 * JWKS (cached, refetched on an unknown `kid`); `iss`, `aud`, `exp` and `sub` are required. The subject maps to a
 * user, created on first use. Anything else (an API token, a malformed or refused JWT) is not ours: undefined.
 */
export function createJwtCredentialReader({
  settings,
  accounts,
  fetchImpl = fetch,
  onRefused,
}: {
  settings: JwtSettings;
  accounts: ExternalAccounts;
  fetchImpl?: typeof fetch;
  /** Why a JWT was refused (its code, never the token), for the logs. */
  onRefused?: (reason: string) => void;
}): CredentialReader {
  let keySet: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;
  const keys = () => {
    keySet ??= (
      settings.jwksUrl ? Promise.resolve(new URL(settings.jwksUrl)) : discoverJwksUrl(settings.issuer, fetchImpl)
    )
      .then((url) => createRemoteJWKSet(url, { cooldownDuration: JWKS_COOLDOWN_MS, cacheMaxAge: JWKS_MAX_AGE_MS }))
      .catch((error: unknown) => {
        keySet = undefined; // the next request tries discovery again
        throw serviceUnavailable("The identity provider could not be reached to check this token.", error);
      });
    return keySet;
  };

  async function verify(token: string): Promise<JWTPayload | undefined> {
    try {
      const { payload } = await jwtVerify(token, await keys(), {
        issuer: settings.issuer,
        audience: settings.audience,
        algorithms: ALGORITHMS,
        clockTolerance: settings.clockToleranceSeconds,
        requiredClaims: ["exp", "sub"],
      });
      return payload;
    } catch (error) {
      // A key set that cannot be fetched is the provider's outage, not a bad token.
      if (error instanceof errors.JWKSTimeout) throw serviceUnavailable("The identity provider did not answer.", error);
      if (error instanceof errors.JOSEError) {
        onRefused?.(error.code);
        return undefined;
      }
      throw error;
    }
  }

  return {
    async read(headers: IncomingHttpHeaders): Promise<Authenticated | undefined> {
      const token = bearerToken(headers);
      if (!token || !looksLikeJwt(token)) return undefined;
      const payload = await verify(token);
      if (!payload?.sub) return undefined;
      const user = await accounts.resolveUser({
        issuer: settings.issuer,
        subject: payload.sub,
        email: typeof payload.email === "string" ? payload.email : undefined,
        emailVerified: payload.email_verified === true,
        name: typeof payload.name === "string" ? payload.name : undefined,
      });
      return { principal: { userId: user.id, role: user.role, via: "jwt" }, user };
    },
  };
}
