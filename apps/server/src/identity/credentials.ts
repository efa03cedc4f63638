import type { IncomingHttpHeaders } from "node:http";
import { SESSION_COOKIE } from "@slipstream/protocol";
import { parseCookie } from "cookie";
import { accountDisabled } from "../errors.ts";
import type { Store, UserRecord } from "../store/index.ts";
import { hashApiToken, isApiTokenSecret } from "./api-tokens.ts";
import type { Principal } from "./principal.ts";
import type { SessionTokens } from "./session-tokens.ts";

export type Authenticated = {
  principal: Principal;
  user: UserRecord;
  /** When the session or API token ends (null: a token that never does); unset for other credentials. */
  expiresAt?: string | null;
};

/** One more kind of bearer credential (a JWT): its principal, or undefined when the headers carry none of it. */
export type CredentialReader = { read(headers: IncomingHttpHeaders): Promise<Authenticated | undefined> };

/** A token's last use is written at most this often, so a busy script does not write on every request. */
const TOUCH_EVERY_MS = 60_000;

/** The secret of `Authorization: Bearer <secret>`, when the request has one. */
export function bearerSecret(headers: IncomingHttpHeaders): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? "");
  return match?.[1];
}

/**
 * The one place credentials become a Principal, for an HTTP request, an SSE read and a WebSocket upgrade alike:
 * a personal API token (`Authorization: Bearer slip_…`), another bearer credential one of the readers knows (a JWT),
 * else the session cookie. Undefined when there are none or they are forged, expired or revoked; a disabled account
 * is refused with `account_disabled` whatever its credentials. A request with an `Authorization` header is judged
 * by it alone, whatever cookie it also carries.
 */
export function createCredentialResolver({
  store,
  tokens,
  readers = [],
}: {
  store: Store;
  tokens: SessionTokens;
  /** Asked in order for a bearer credential that is not an API token; the first that recognises it decides. */
  readers?: CredentialReader[];
}) {
  async function fromReaders(headers: IncomingHttpHeaders): Promise<Authenticated | undefined> {
    for (const reader of readers) {
      const authenticated = await reader.read(headers);
      if (authenticated) return authenticated;
    }
    return undefined;
  }

  async function fromApiToken(secret: string): Promise<Authenticated | undefined> {
    const token = await store.apiTokens.findTokenByHash({ tokenHash: hashApiToken(secret) });
    const now = new Date();
    if (!token || (token.expiresAt !== null && token.expiresAt <= now.toISOString())) return undefined;
    const user = await store.users.findUserById({ id: token.userId });
    if (!user) return undefined;
    if (token.lastUsedAt === null || now.getTime() - Date.parse(token.lastUsedAt) >= TOUCH_EVERY_MS) {
      await store.apiTokens.touchToken({ id: token.id, now: now.toISOString() });
    }
    return {
      principal: { userId: user.id, role: user.role, via: "token", tokenId: token.id },
      user,
      expiresAt: token.expiresAt,
    };
  }

  async function fromSessionCookie(token: string): Promise<Authenticated | undefined> {
    const claims = await tokens.verify(token);
    if (!claims) return undefined;
    const session = await store.sessions.findSessionById({ id: claims.sessionId });
    if (!session || session.userId !== claims.userId || session.expiresAt <= new Date().toISOString()) {
      return undefined;
    }
    const user = await store.users.findUserById({ id: session.userId });
    if (!user) return undefined;
    return {
      principal: { userId: user.id, role: user.role, via: "session", sessionId: session.id },
      user,
      expiresAt: session.expiresAt,
    };
  }

  return {
    async resolve(headers: IncomingHttpHeaders): Promise<Authenticated | undefined> {
      const bearer = bearerSecret(headers);
      const sessionToken = headers.cookie ? parseCookie(headers.cookie)[SESSION_COOKIE] : undefined;
      const authenticated =
        headers.authorization !== undefined
          ? bearer && isApiTokenSecret(bearer)
            ? await fromApiToken(bearer)
            : await fromReaders(headers)
          : sessionToken
            ? await fromSessionCookie(sessionToken)
            : undefined;
      if (authenticated?.user.disabledAt) throw accountDisabled();
      return authenticated;
    },
  };
}
export type CredentialResolver = ReturnType<typeof createCredentialResolver>;
