import { isIP } from "node:net";

const LOOPBACK_NAMES = new Set(["localhost", "[::1]"]);

/** 127.0.0.0/8, ::1 and `localhost`: where a local or test identity provider may speak plain HTTP. */
export function isLoopbackHost(hostname: string): boolean {
  if (LOOPBACK_NAMES.has(hostname)) return true;
  return isIP(hostname) === 4 && hostname.startsWith("127.");
}

/** An identity provider's URL must be https://, except on a loopback address; unset passes. */
export function isSecureOrLoopbackUrl(value: string | undefined): boolean {
  if (value === undefined) return true;
  const url = new URL(value);
  return url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHost(url.hostname));
}

type IdentityEnv = {
  OIDC_ISSUER?: string;
  OIDC_CLIENT_ID?: string;
  OIDC_CLIENT_SECRET?: string;
  AUTH_JWT_ISSUER?: string;
  AUTH_JWT_AUDIENCE?: string;
  AUTH_JWKS_URL?: string;
};

/** Settings that only make sense together: half a sign-in configuration is refused, not ignored. */
export function identityIssues(env: IdentityEnv): string[] {
  const issues: string[] = [];
  if (env.OIDC_ISSUER && !env.OIDC_CLIENT_ID) issues.push("OIDC_CLIENT_ID: required with OIDC_ISSUER");
  if (!env.OIDC_ISSUER && (env.OIDC_CLIENT_ID || env.OIDC_CLIENT_SECRET)) {
    issues.push("OIDC_ISSUER: required with OIDC_CLIENT_ID and OIDC_CLIENT_SECRET");
  }
  // Without an audience, a token the provider issued to any other application would be accepted here.
  if (env.AUTH_JWT_ISSUER && !env.AUTH_JWT_AUDIENCE) issues.push("AUTH_JWT_AUDIENCE: required with AUTH_JWT_ISSUER");
  if (!env.AUTH_JWT_ISSUER && (env.AUTH_JWT_AUDIENCE || env.AUTH_JWKS_URL)) {
    issues.push("AUTH_JWT_ISSUER: required with AUTH_JWT_AUDIENCE and AUTH_JWKS_URL");
  }
  return issues;
}

const SLACK_SETTINGS = ["SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN", "SLACK_USER_EMAIL"] as const;

/** The Slack app needs its signing secret, its bot token and the account its conversations belong to, or none. */
export function slackIssues(env: Partial<Record<(typeof SLACK_SETTINGS)[number], string>>): string[] {
  const set = SLACK_SETTINGS.filter((name) => env[name]);
  if (set.length === 0 || set.length === SLACK_SETTINGS.length) return [];
  return SLACK_SETTINGS.filter((name) => !env[name]).map((name) => `${name}: required with ${set.join(" and ")}`);
}
