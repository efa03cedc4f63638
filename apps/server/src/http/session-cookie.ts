import { SESSION_COOKIE } from "@slipstream/protocol";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { IssuedSession } from "../identity/account.service.ts";

/** `Secure` whenever the browser reached us over HTTPS (directly or as told by PUBLIC_URL). */
function isSecure(request: FastifyRequest, publicUrl: string | undefined) {
  return request.protocol === "https" || publicUrl?.startsWith("https://") === true;
}

/** The session cookie that sign-in sets and sign-out clears. */
export function createSessionCookies({ publicUrl }: { publicUrl?: string }) {
  const attributes = (request: FastifyRequest) =>
    ({ httpOnly: true, sameSite: "lax", secure: isSecure(request, publicUrl), path: "/" }) as const;
  return {
    set(request: FastifyRequest, reply: FastifyReply, issued: IssuedSession) {
      reply.setCookie(SESSION_COOKIE, issued.token, { ...attributes(request), expires: new Date(issued.expiresAt) });
    },
    clear(request: FastifyRequest, reply: FastifyReply) {
      reply.clearCookie(SESSION_COOKIE, attributes(request));
    },
  };
}
export type SessionCookies = ReturnType<typeof createSessionCookies>;
