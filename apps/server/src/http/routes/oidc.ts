import { SIGN_IN_ERROR_PARAM } from "@slipstream/protocol";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { isDomainError, notFound } from "../../errors.ts";
import type { HttpContext } from "../context.ts";

const FLOW_COOKIE = "slipstream_oidc";
const OIDC_PATH = "/api/auth/oidc";
export const OIDC_LOGIN_PATH = `${OIDC_PATH}/login`;
const CALLBACK_PATH = `${OIDC_PATH}/callback`;

/** Where the provider sends the browser back: on PUBLIC_URL when set (behind a proxy), else on the address asked. */
function callbackUrl(request: FastifyRequest, publicUrl: string | undefined): URL {
  const base = publicUrl ?? `${request.protocol}://${request.host}`;
  return new URL(CALLBACK_PATH, base);
}

/** Sign-in buttons, and the OpenID Connect redirect and callback when OIDC_ISSUER is set. */
export function registerOidcRoutes(app: FastifyInstance, { oidc, accounts, sessions }: HttpContext) {
  app.get("/api/auth/providers", async () => ({
    password: true,
    signup: accounts.signupOffered,
    providers: oidc ? [{ id: "oidc", kind: "oidc" as const, name: oidc.signIn.name, loginUrl: OIDC_LOGIN_PATH }] : [],
  }));
  if (!oidc) {
    const notConfigured = async () => {
      throw notFound("Single sign-on");
    };
    app.get(OIDC_LOGIN_PATH, notConfigured);
    app.get(CALLBACK_PATH, notConfigured);
    return;
  }
  const { signIn, publicUrl } = oidc;
  const flowCookie = (request: FastifyRequest) =>
    ({
      httpOnly: true,
      // Lax, not Strict: the provider's redirect back is a top-level navigation from its site.
      sameSite: "lax",
      secure: request.protocol === "https" || publicUrl?.startsWith("https://") === true,
      path: OIDC_PATH,
    }) as const;
  const failed = (request: FastifyRequest, reply: FastifyReply, error: unknown) => {
    request.log.warn({ err: error }, "OIDC sign-in failed");
    reply.clearCookie(FLOW_COOKIE, flowCookie(request));
    const code = isDomainError(error) && error.code === "account_disabled" ? error.code : "sign_in_failed";
    return reply.redirect(`/?${SIGN_IN_ERROR_PARAM}=${code}`, 302);
  };

  app.get(OIDC_LOGIN_PATH, async (request, reply) => {
    const { url, sealedFlow } = await signIn.begin({ redirectUri: callbackUrl(request, publicUrl).href });
    reply.setCookie(FLOW_COOKIE, sealedFlow, { ...flowCookie(request), maxAge: signIn.flowTtlSeconds });
    return reply.header("cache-control", "no-store").redirect(url, 302);
  });

  app.get(CALLBACK_PATH, async (request, reply) => {
    const current = callbackUrl(request, publicUrl);
    current.search = new URL(request.url, "http://callback").search;
    try {
      const user = await signIn.complete({ callbackUrl: current, sealedFlow: request.cookies[FLOW_COOKIE] });
      const issued = await accounts.startSession({ user });
      reply.clearCookie(FLOW_COOKIE, flowCookie(request));
      sessions.set(request, reply, issued);
      return reply.header("cache-control", "no-store").redirect("/", 302);
    } catch (error) {
      return failed(request, reply, error);
    }
  });
}
