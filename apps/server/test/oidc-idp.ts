import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { base64url, exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import Provider, { type KoaContextWithOIDC } from "oidc-provider";

export type IdpAccount = { sub: string; email?: string; email_verified?: boolean; name?: string };
/** How the provider spoils the ID token of its next token responses, for tests of refusals. */
export type TokenSpoiler = "none" | "tampered" | "wrong-audience";

const SCOPES = "openid email profile";

/**
 * A real OpenID Connect provider (`oidc-provider`) on 127.0.0.1 with one confidential client, whose redirect URI
 * is registered once the app under test listens (`registerClient`). It signs in `signInAs` without asking anything
 * (the login interaction finishes at once and consent is granted).
 */
export async function startOidcIdp() {
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const signingJwk: JWK = { ...(await exportJWK(privateKey)), kid: "test-key", alg: "RS256", use: "sig" };
  const client = { clientId: "slipstream-test", clientSecret: "a client secret of the test provider" };
  let account: IdpAccount = { sub: "alice", email: "alice@example.test", email_verified: true, name: "Alice" };
  let spoiler: TokenSpoiler = "none";

  let handle: ((request: IncomingMessage, response: ServerResponse) => void) | undefined;
  const server = createServer((request, response) => {
    if (handle) return handle(request, response);
    response.statusCode = 503;
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function registerClient(redirectUri: string) {
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: client.clientId,
          client_secret: client.clientSecret,
          redirect_uris: [redirectUri],
          grant_types: ["authorization_code"],
          response_types: ["code"],
          token_endpoint_auth_method: "client_secret_post",
        },
      ],
      jwks: { keys: [signingJwk] },
      cookies: { keys: ["cookie signing key of the test provider"] },
      claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
      // ID tokens carry the claims themselves, as many providers' do, instead of leaving them to /userinfo.
      conformIdTokenClaims: false,
      features: { devInteractions: { enabled: false } },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      findAccount: (_ctx, sub) => ({
        accountId: sub,
        claims: () => ({ ...account, sub }),
      }),
      async loadExistingGrant(ctx) {
        const grant = new ctx.oidc.provider.Grant({
          clientId: ctx.oidc.client?.clientId,
          accountId: ctx.oidc.session?.accountId,
        });
        grant.addOIDCScope(SCOPES);
        await grant.save();
        return grant;
      },
    });

    provider.use(async (ctx: KoaContextWithOIDC, next: () => Promise<void>) => {
      if (ctx.path.startsWith("/interaction/")) {
        await provider.interactionFinished(ctx.req, ctx.res, { login: { accountId: account.sub } });
        return;
      }
      await next();
      if (ctx.path !== "/token" || spoiler === "none") return;
      const body = ctx.body as { id_token?: string };
      if (!body.id_token) return;
      const [header, payload, signature] = body.id_token.split(".") as [string, string, string];
      const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload)));
      body.id_token =
        spoiler === "tampered"
          ? [header, base64url.encode(JSON.stringify({ ...claims, sub: "mallory" })), signature].join(".")
          : await new SignJWT({ ...claims, aud: "another-client" })
              .setProtectedHeader({ alg: "RS256", kid: signingJwk.kid as string })
              .sign(privateKey);
    });
    handle = provider.callback();
  }

  return {
    issuer,
    ...client,
    registerClient,
    /** The account the next sign-in is for. */
    signInAs(next: IdpAccount) {
      account = next;
    },
    spoilTokens(next: TokenSpoiler) {
      spoiler = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
export type OidcIdp = Awaited<ReturnType<typeof startOidcIdp>>;
