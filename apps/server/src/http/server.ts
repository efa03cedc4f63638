import cookie from "@fastify/cookie";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from "fastify";
import type { Logger } from "pino";
import { badRequest } from "../errors.ts";
import { capConnectionsPerAddress, trustedProxies } from "./connection-caps.ts";
import type { HttpContext } from "./context.ts";
import { registerErrorHandling } from "./error-handler.ts";
import { exceedsJsonDepth } from "./json-depth.ts";
import { registerOpenApiRoute } from "./openapi/route.ts";
import type { OwnOrigins } from "./own-origins.ts";
import { registerRequestMetrics } from "./request-metrics.ts";
import { registerAdminRoutes } from "./routes/admin.ts";
import { registerAuthRoutes } from "./routes/auth.ts";
import { registerConversationRoutes } from "./routes/conversations.ts";
import { registerFileRoutes } from "./routes/files.ts";
import { registerHealthRoutes } from "./routes/health.ts";
import { registerHistoryRoutes } from "./routes/history.ts";
import { registerHookRoutes } from "./routes/hooks.ts";
import { registerImportRoutes } from "./routes/imports.ts";
import { registerKeyRoutes } from "./routes/keys.ts";
import { registerLibraryRoutes } from "./routes/library.ts";
import { registerMemberRoutes } from "./routes/members.ts";
import { registerMessageRoutes } from "./routes/messages.ts";
import { registerMetricsRoutes } from "./routes/metrics.ts";
import { registerModelRoutes } from "./routes/models.ts";
import { registerOidcRoutes } from "./routes/oidc.ts";
import { registerPluginModuleRoutes } from "./routes/plugin-modules.ts";
import { registerSecretRoutes } from "./routes/secrets.ts";
import { registerShareRoutes } from "./routes/shares.ts";
import { registerSpaceRoutes } from "./routes/spaces.ts";
import { registerStreamRoutes } from "./routes/streams.ts";
import { registerToolRoutes } from "./routes/tools.ts";
import { registerTriggerRoutes } from "./routes/triggers.ts";
import { registerUiChatRoutes } from "./routes/ui-chat.ts";
import { registerWebRoutes } from "./routes/web.ts";
import { registerWebhookRoutes } from "./routes/webhooks.ts";
import { registerSameOriginCheck } from "./same-origin.ts";
import { registerSecurityHeaders } from "./security-headers.ts";
import { registerV1Routes } from "./v1/routes.ts";

export const BODY_LIMIT_BYTES = 1024 * 1024;
const MAX_JSON_DEPTH = 32;

/** The Fastify app with every route of API.md; it knows the domain services and nothing below them. */
export async function createHttpServer({
  context,
  logger,
  instrument,
  v1,
  origins,
  trustProxy,
  limits,
  web = {},
}: {
  context: HttpContext;
  logger: Logger;
  /** Registers request tracing before any route (see telemetry/). */
  instrument?: (app: FastifyInstance) => Promise<void>;
  /** The OpenAI-compatible gateway's settings. */
  v1: { idleTimeoutMs: number };
  /** The origins whose pages may change state with the session cookie. */
  origins: OwnOrigins;
  /** Proxies (addresses, CIDR ranges) whose X-Forwarded-For gives `request.ip`; empty trusts none. */
  trustProxy: string[];
  /** How long a client may take to send its headers and its whole request, and its connections per address. */
  limits: { requestTimeoutMs: number; headersTimeoutMs: number; maxConnectionsPerAddress: number };
  /** The origin of the S3 storage the browser uploads to and reads from, for the page's CSP. */
  web?: { storageOrigin?: string };
}) {
  const app: FastifyInstance = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT_BYTES,
    return503OnClosing: true,
    trustProxy: trustProxy.length > 0 ? trustProxy : false,
    // A body trickled in a byte at a time holds a socket only this long (checked every second, not every 30 s).
    requestTimeout: limits.requestTimeoutMs,
    http: {
      headersTimeout: limits.headersTimeoutMs,
      connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
    },
    // Router-level refusals (an over-long path parameter, a malformed URL) skip the error handler otherwise.
    frameworkErrors: (error, _request, reply) => {
      (reply as FastifyReply)
        .code(error.statusCode ?? 400)
        .send({ error: { code: "bad_request", message: "The request URL is invalid." } });
    },
  });

  capConnectionsPerAddress(app.server, {
    maxPerAddress: limits.maxConnectionsPerAddress,
    exempt: trustedProxies(trustProxy),
  });

  app.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) => {
    const text = body as string;
    if (text.trim() === "") return done(null, undefined);
    if (exceedsJsonDepth(text, MAX_JSON_DEPTH)) {
      return done(badRequest(`JSON nested deeper than ${MAX_JSON_DEPTH} levels is refused.`, "json_too_deep"));
    }
    try {
      // The reviver drops __proto__ so that a body cannot smuggle a prototype into later spreads.
      done(
        null,
        JSON.parse(text, (key, value) => (key === "__proto__" ? undefined : value)),
      );
    } catch {
      done(badRequest("The body is not valid JSON.", "invalid_json"));
    }
  });

  app.removeContentTypeParser("text/plain");
  await instrument?.(app);
  registerRequestMetrics(app, context.metrics);
  await app.register(cookie);
  registerErrorHandling(app);
  registerSecurityHeaders(app, origins);
  registerSameOriginCheck(app, origins);
  registerHealthRoutes(app, context);
  registerMetricsRoutes(app, context);
  registerAuthRoutes(app, context);
  registerOidcRoutes(app, context);
  registerModelRoutes(app, context);
  registerToolRoutes(app, context);
  registerPluginModuleRoutes(app, context);
  registerAdminRoutes(app, context);
  registerKeyRoutes(app, context);
  registerSecretRoutes(app, context);
  registerConversationRoutes(app, context);
  registerMemberRoutes(app, context);
  registerSpaceRoutes(app, context);
  registerHistoryRoutes(app, context);
  registerShareRoutes(app, context);
  registerLibraryRoutes(app, context);
  registerImportRoutes(app, context);
  registerMessageRoutes(app, context);
  await registerFileRoutes(app, context);
  registerStreamRoutes(app, context);
  registerUiChatRoutes(app, context);
  registerTriggerRoutes(app, context);
  registerWebhookRoutes(app, context);
  await registerHookRoutes(app, context);
  await registerV1Routes(app, context, v1);
  registerOpenApiRoute(app);
  registerWebRoutes(app, web);
  return app;
}
