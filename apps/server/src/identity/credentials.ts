import type { IncomingHttpHeaders } from "node:http";
import { SESSION_COOKIE } from "@slipstream/protocol";
import { parseCookie } from "cookie";
import { accountDisabled } from "../errors.ts";
import type { Store, UserRecord } from "../store/index.ts";
import type { Principal } from "./principal.ts";
import type { SessionTokens } from "./session-tokens.ts";

export type Authenticated = { principal: Principal; user: UserRecord };

/** One more kind of credential (a bearer JWT, an API token): its principal, or undefined when the headers carry none of it. */
export type CredentialReader = { read(headers: IncomingHttpHeaders): Promise<Authenticated | undefined> };

/**
 * The one place credentials become a Principal, for an HTTP request, an SSE read and a WebSocket upgrade alike:
 * the session cookie, then each reader (bearer JWTs, …). Undefined when there are none or they are forged, expired or revoked; a disabled
 * account is refused with `account_disabled` whatever its credentials.
 */
export function createCredentialResolver({
  store,
  tokens,
  readers = [],
}: {
  store: Store;
  tokens: SessionTokens;
  /** Asked in order after the session cookie; the first that recognises its credential decides. */
  readers?: CredentialReader[];
}) {
  async function fromReaders(headers: IncomingHttpHeaders): Promise<Authenticated | undefined> {
    for (const reader of readers) {
      const authenticated = await reader.read(headers);
      if (authenticated) return authenticated;
    }
    return undefined;
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
    return { principal: { userId: user.id, role: user.role, via: "session", sessionId: session.id }, user };
  }

  return {
    async resolve(headers: IncomingHttpHeaders): Promise<Authenticated | undefined> {
      const sessionToken = headers.cookie ? parseCookie(headers.cookie)[SESSION_COOKIE] : undefined;
      const authenticated =
        (sessionToken ? await fromSessionCookie(sessionToken) : undefined) ?? (await fromReaders(headers));
      if (authenticated?.user.disabledAt) throw accountDisabled();
      return authenticated;
    },
  };
}
export type CredentialResolver = ReturnType<typeof createCredentialResolver>;
