import type { FastifyReply, FastifyRequest } from "fastify";
import type { Authenticated, AuthService, IssuedSession } from "../auth/auth.service.ts";
import { unauthorized } from "../errors.ts";

export const SESSION_COOKIE = "slipstream_session";

/** `Secure` whenever the browser reached us over HTTPS (directly or as told by PUBLIC_URL). */
function isSecure(request: FastifyRequest, publicUrl: string | undefined) {
  return request.protocol === "https" || publicUrl?.startsWith("https://") === true;
}

export function createSessionCookies({ auth, publicUrl }: { auth: AuthService; publicUrl?: string }) {
  return {
    set(request: FastifyRequest, reply: FastifyReply, issued: IssuedSession) {
      reply.setCookie(SESSION_COOKIE, issued.token, {
        httpOnly: true,
        sameSite: "lax",
        secure: isSecure(request, publicUrl),
        path: "/",
        expires: new Date(issued.session.expiresAt),
      });
    },
    clear(request: FastifyRequest, reply: FastifyReply) {
      reply.clearCookie(SESSION_COOKIE, {
        httpOnly: true,
        sameSite: "lax",
        secure: isSecure(request, publicUrl),
        path: "/",
      });
    },
    /** The signed-in user of this request, if any. */
    find(request: { cookies: Record<string, string | undefined> }): Promise<Authenticated | undefined> {
      return auth.authenticate(request.cookies[SESSION_COOKIE]);
    },
    /** The signed-in user of this request, or a 401. */
    async require(request: FastifyRequest): Promise<Authenticated> {
      const authenticated = await auth.authenticate(request.cookies[SESSION_COOKIE]);
      if (!authenticated) throw unauthorized();
      return authenticated;
    },
  };
}
export type SessionCookies = ReturnType<typeof createSessionCookies>;
