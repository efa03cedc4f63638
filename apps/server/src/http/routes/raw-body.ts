import type { FastifyInstance } from "fastify";
import { DomainError } from "../../errors.ts";

/**
 * In this plugin scope, every body arrives as the exact string that was sent: signatures (Standard Webhooks,
 * Slack) are computed over those bytes, not over a re-serialised parse.
 */
export function acceptRawBodies(scope: FastifyInstance) {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser("*", { parseAs: "string" }, (_request, body, done) => done(null, body));
}

/** The raw body, refused past `maxBytes` (the server's own body limit applies anyway). */
export function rawBody(body: unknown, maxBytes = Number.POSITIVE_INFINITY): string {
  const text = typeof body === "string" ? body : "";
  if (Buffer.byteLength(text) > maxBytes) {
    throw new DomainError("payload_too_large", `The body is larger than ${Math.round(maxBytes / 1024)} KiB.`);
  }
  return text;
}
