import type { IncomingMessage } from "node:http";

/**
 * Whether a WebSocket upgrade comes from a page of ours. Exact match only: a missing or `null` origin,
 * or a look-alike such as `http://localhost:3000.evil.test`, is refused.
 */
export function isAllowedOrigin(
  request: IncomingMessage,
  {
    publicUrl,
    corsOrigins,
  }: {
    publicUrl?: string;
    corsOrigins: string[];
  },
): boolean {
  const origin = request.headers.origin;
  if (!origin || origin === "null") return false;
  const allowed = new Set(corsOrigins);
  if (publicUrl) allowed.add(new URL(publicUrl).origin);
  const host = request.headers.host;
  if (host) {
    const encrypted = "encrypted" in request.socket && request.socket.encrypted === true;
    allowed.add(`${encrypted ? "https" : "http"}://${host}`);
  }
  return allowed.has(origin);
}
