import type { IncomingHttpHeaders } from "node:http";
import { SESSION_COOKIE } from "@slipstream/protocol";
import { parseCookie } from "cookie";
import type { Bus, BusEvents } from "../bus/index.ts";
import { isApiTokenSecret } from "./api-tokens.ts";
import { type Authenticated, bearerSecret, type CredentialResolver } from "./credentials.ts";

type Entry = { authenticated: Authenticated; until: number };

/**
 * The credentials the cache may hold: a session cookie or a personal API token, the two that the bus revokes.
 * Other bearer credentials (JWTs) are judged on every request.
 */
function cacheKeyOf(headers: IncomingHttpHeaders): string | undefined {
  if (headers.authorization !== undefined) {
    const bearer = bearerSecret(headers);
    return bearer && isApiTokenSecret(bearer) ? `token ${bearer}` : undefined;
  }
  const session = headers.cookie ? parseCookie(headers.cookie)[SESSION_COOKIE] : undefined;
  return session ? `session ${session}` : undefined;
}

/** What makes a verified credential stale: revoked, or its account disabled or given another role. */
const REVOCATION_TOPICS = ["session.revoked", "token.revoked", "user.disabled", "user.role.changed"] as const;
type RevocationTopic = (typeof REVOCATION_TOPICS)[number];
type Revocation = { [T in RevocationTopic]: [T, BusEvents[T]] }[RevocationTopic];
const REVOCATIONS = new Set<string>(REVOCATION_TOPICS);

function isRevokedBy([topic, payload]: Revocation, { principal }: Authenticated): boolean {
  if (topic === "session.revoked")
    return principal.sessionId !== undefined && payload.sessionIds.includes(principal.sessionId);
  if (topic === "token.revoked") return principal.tokenId !== undefined && payload.tokenIds.includes(principal.tokenId);
  return principal.userId === payload.userId;
}

/**
 * Verified sessions and API tokens kept for `ttlMs` on this instance, so a reply's requests do not each read the
 * session and the user again. Every instance drops an entry as soon as the bus says its session or token was revoked
 * or its account disabled, and the instance that revokes drops it before the revocation's publish returns (through
 * `bus`, which services publish on), without waiting for its own copy from Redis. A check that was running when a
 * revocation came is not kept, so it cannot bring the revoked credential back. At most `maxEntries` are held, the
 * oldest dropped first.
 */
export function cacheVerifiedCredentials({
  credentials,
  bus,
  ttlMs,
  maxEntries,
  now = () => Date.now(),
}: {
  credentials: CredentialResolver;
  bus: Bus;
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
}): CredentialResolver & { bus: Bus; close(): void } {
  // Insertion order is age order: a refreshed entry is deleted and set again.
  const entries = new Map<string, Entry>();
  /** Counts revocations, so that a check that overlapped one is not cached. */
  let revocations = 0;
  const evict = (revocation: Revocation) => {
    revocations += 1;
    for (const [key, entry] of entries) if (isRevokedBy(revocation, entry.authenticated)) entries.delete(key);
  };
  const stops = REVOCATION_TOPICS.map((topic) =>
    bus.subscribe(topic, (payload) => evict([topic, payload] as Revocation)),
  );

  return {
    async resolve(headers) {
      const key = ttlMs > 0 ? cacheKeyOf(headers) : undefined;
      if (key === undefined) return credentials.resolve(headers);
      const cached = entries.get(key);
      if (cached && cached.until > now()) return cached.authenticated;
      entries.delete(key);
      const seen = revocations;
      const authenticated = await credentials.resolve(headers);
      if (!authenticated || revocations !== seen) return authenticated;
      // A session or token that ends before the cache would forget it is not kept past its end.
      const expiresAt = authenticated.expiresAt ? Date.parse(authenticated.expiresAt) : Number.POSITIVE_INFINITY;
      entries.set(key, { authenticated, until: Math.min(now() + ttlMs, expiresAt) });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      return authenticated;
    },
    bus: {
      ...bus,
      async publish(topic, payload) {
        if (REVOCATIONS.has(topic)) evict([topic, payload] as Revocation);
        await bus.publish(topic, payload);
      },
    },
    close() {
      for (const stop of stops) stop();
      entries.clear();
    },
  };
}
