import * as client from "openid-client";
import { isLoopbackHost } from "../config-identity.ts";
import { DomainError, serviceUnavailable } from "../errors.ts";
import { type RateLimiters, refusal } from "../limits/rate-limiters.ts";
import type { UserRecord } from "../store/index.ts";
import type { ExternalAccounts } from "./external-accounts.ts";
import type { OidcFlowSeal } from "./oidc-flow.ts";

export type OidcSettings = { issuer: string; clientId: string; clientSecret?: string; scopes: string; name: string };

const signInFailed = (message: string, cause?: unknown) => new DomainError("sign_in_failed", message, { cause });

/**
 * Sign-in through an OpenID Connect provider: authorization code with PKCE (S256), state and nonce, the ID token's
 * signature, issuer, audience, expiry and nonce checked by openid-client. The flow travels sealed in a cookie; each
 * state is accepted once across the fleet, so a replayed callback is refused even with its cookie.
 */
export function createOidcSignIn({
  settings,
  accounts,
  seal,
  limiters,
}: {
  settings: OidcSettings;
  accounts: ExternalAccounts;
  seal: OidcFlowSeal;
  /** Shared by every instance: remembers which states were used. */
  limiters: RateLimiters;
}) {
  let configuration: Promise<client.Configuration> | undefined;
  const discover = () => {
    const issuer = new URL(settings.issuer);
    configuration ??= client
      .discovery(
        issuer,
        settings.clientId,
        settings.clientSecret,
        settings.clientSecret ? client.ClientSecretPost(settings.clientSecret) : client.None(),
        {
          execute: [
            // The ID token comes over a direct TLS call, where checking its signature is optional; we check it anyway.
            client.enableNonRepudiationChecks,
            // config.ts allows plain HTTP only for a provider on this machine (a local or test one).
            ...(issuer.protocol === "http:" && isLoopbackHost(issuer.hostname) ? [client.allowInsecureRequests] : []),
          ],
        },
      )
      .catch((error: unknown) => {
        configuration = undefined; // try discovery again on the next sign-in
        throw serviceUnavailable("The identity provider could not be reached. Try again shortly.", error);
      });
    return configuration;
  };

  return {
    name: settings.name,
    /** How long a begun sign-in may take. */
    flowTtlSeconds: seal.ttlSeconds,

    /** The provider's authorization URL, and the sealed flow to keep in the browser until the callback. */
    async begin({ redirectUri }: { redirectUri: string }): Promise<{ url: string; sealedFlow: string }> {
      const config = await discover();
      const flow = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        codeVerifier: client.randomPKCECodeVerifier(),
      };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: settings.scopes,
        response_type: "code",
        code_challenge: await client.calculatePKCECodeChallenge(flow.codeVerifier),
        code_challenge_method: "S256",
        state: flow.state,
        nonce: flow.nonce,
      });
      return { url: url.href, sealedFlow: await seal.seal(flow) };
    },

    /** Finishes the sign-in from the callback URL; throws `sign_in_failed` (or `account_disabled`). */
    async complete({
      callbackUrl,
      sealedFlow,
    }: {
      callbackUrl: URL;
      sealedFlow: string | undefined;
    }): Promise<UserRecord> {
      const flow = sealedFlow ? await seal.open(sealedFlow) : undefined;
      if (!flow) throw signInFailed("The sign-in expired or was started in another browser. Sign in again.");
      if (callbackUrl.searchParams.get("state") !== flow.state)
        throw signInFailed("The sign-in response does not match.");
      // One use per state across the fleet: a second consume of its single point is a replayed response.
      try {
        await limiters.limiter("oidc-state", 1, seal.ttlSeconds).consume(flow.state);
      } catch (error) {
        refusal(error);
        throw signInFailed("This sign-in response was already used. Sign in again.");
      }
      const config = await discover();
      let claims: client.IDToken | undefined;
      try {
        const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: flow.codeVerifier,
          expectedState: flow.state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        });
        claims = tokens.claims();
      } catch (error) {
        throw signInFailed("The identity provider's answer could not be verified.", error);
      }
      if (!claims) throw signInFailed("The identity provider sent no ID token.");
      return accounts.resolveUser({
        issuer: claims.iss,
        subject: claims.sub,
        email: typeof claims.email === "string" ? claims.email : undefined,
        emailVerified: claims.email_verified === true,
        name: typeof claims.name === "string" ? claims.name : undefined,
      });
    },
  };
}
export type OidcSignIn = ReturnType<typeof createOidcSignIn>;
