import type { FastifyInstance } from "fastify";

const HSTS_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;
const API_PREFIXES = ["/api/", "/v1/"];

/**
 * Every response says not to sniff its type; API answers (sessions, keys, conversations) are never cached;
 * and behind an https PUBLIC_URL, browsers are told to use https only.
 */
export function registerSecurityHeaders(app: FastifyInstance, { publicUrl }: { publicUrl?: string }) {
  const hsts = publicUrl?.startsWith("https://") ? `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains` : undefined;
  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-content-type-options", "nosniff");
    if (hsts) reply.header("strict-transport-security", hsts);
    if (API_PREFIXES.some((prefix) => request.url.startsWith(prefix))) reply.header("cache-control", "no-store");
  });
}
