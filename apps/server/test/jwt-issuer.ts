import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from "jose";

type SigningKey = { kid: string; privateKey: CryptoKey; publicJwk: JWK };

async function newKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const kid = randomUUID();
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" } };
}

/**
 * An identity provider on 127.0.0.1 that serves a discovery document and a JWKS, and signs tokens with its keys;
 * `rotate()` adds a key that the served JWKS lists from then on. Counts JWKS fetches.
 */
export async function startJwtIssuer() {
  const keys: SigningKey[] = [await newKey()];
  let jwksFetches = 0;
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    response.setHeader("content-type", "application/json");
    if (path === "/.well-known/openid-configuration") {
      return response.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
    }
    if (path === "/jwks") {
      jwksFetches += 1;
      return response.end(JSON.stringify({ keys: keys.map((key) => key.publicJwk) }));
    }
    response.statusCode = 404;
    response.end("{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    issuer,
    get jwksFetches() {
      return jwksFetches;
    },
    /** The newest key's public JWK. */
    get publicJwk() {
      return keys.at(-1)?.publicJwk as JWK;
    },
    /** A token signed by the newest key; `claims` and `expiresIn` (seconds from now, may be negative) override. */
    async sign({
      audience,
      subject = "user-1",
      claims = {},
      expiresIn = 300,
      issuedBy = issuer,
    }: {
      audience: string;
      subject?: string;
      claims?: JWTPayload;
      expiresIn?: number;
      issuedBy?: string;
    }): Promise<string> {
      const key = keys.at(-1) as SigningKey;
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT(claims)
        .setProtectedHeader({ alg: "RS256", kid: key.kid })
        .setIssuer(issuedBy)
        .setAudience(audience)
        .setSubject(subject)
        .setIssuedAt(now - 5)
        .setExpirationTime(now + expiresIn)
        .sign(key.privateKey);
    },
    async rotate() {
      keys.push(await newKey());
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type JwtIssuer = Awaited<ReturnType<typeof startJwtIssuer>>;
