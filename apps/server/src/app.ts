import pino, { type Logger } from "pino";
import { createAccessPolicy } from "./access/access.ts";
import { openBus } from "./bus/index.ts";
import { createConversationService } from "./chat/conversation.service.ts";
import { createConversationFeed } from "./chat/conversation-feed.ts";
import { createMessageService } from "./chat/message.service.ts";
import { createUiChatService } from "./chat/ui-chat.service.ts";
import type { Config } from "./config.ts";
import { createOutbox } from "./events/outbox.ts";
import { createEventRelay } from "./events/relay.ts";
import { sweepStaleGenerations } from "./generation/stale-generations.ts";
import { createTurnRunner } from "./generation/turn-runner.ts";
import { createRequestPrincipals } from "./http/principals.ts";
import { createHttpServer } from "./http/server.ts";
import { createSessionCookies } from "./http/session-cookie.ts";
import { createAccountService } from "./identity/account.service.ts";
import { createCredentialResolver } from "./identity/credentials.ts";
import { createExternalAccounts } from "./identity/external-accounts.ts";
import { createJwtCredentialReader } from "./identity/jwt-credentials.ts";
import { createLoginThrottle } from "./identity/login-throttle.ts";
import { createOidcFlowSeal } from "./identity/oidc-flow.ts";
import { createOidcSignIn } from "./identity/oidc-sign-in.ts";
import { createRevocations } from "./identity/revocations.ts";
import { resolveSessionSecret } from "./identity/session-secret.ts";
import { createSessionTokens } from "./identity/session-tokens.ts";
import { createUsersService } from "./identity/users.service.ts";
import { openWindowCounter } from "./limits/index.ts";
import { createMetrics } from "./metrics/index.ts";
import { createModelRegistry } from "./providers/registry.ts";
import { attachRealtimeGateway } from "./realtime/gateway.ts";
import { openStore } from "./store/index.ts";
import { openStreamLog } from "./streams/index.ts";
import { disabledTelemetry, type Telemetry } from "./telemetry/index.ts";

/** Outbox rows unpublished for this long are taken for orphaned (their instance died between commit and publish). */
const OUTBOX_ORPHAN_AFTER_MS = 5_000;
const OUTBOX_SWEEP_INTERVAL_MS = 1_000;

export function createLogger(
  config: Pick<Config, "logLevel" | "env">,
  { traceIds, pretty = false }: { traceIds?: () => Record<string, string>; pretty?: boolean } = {},
): Logger {
  return pino({
    level: config.logLevel,
    // Only with telemetry on: the active span's ids on every line, to go from a log line to its trace.
    ...(traceIds ? { mixin: traceIds } : {}),
    // Readable lines for a person at a terminal in development; JSON for everything else (and all of production).
    ...(pretty && config.env === "development"
      ? { transport: { target: "pino-pretty", options: { colorize: true } } }
      : {}),
    redact: {
      paths: ["req.headers.cookie", "req.headers.authorization", 'res.headers["set-cookie"]', "*.password", "*.apiKey"],
      censor: "[redacted]",
    },
  });
}

/** The composition root: the one place that picks every adapter from config and wires the services. */
export async function createApp({
  config,
  logger = createLogger(config),
  telemetry = disabledTelemetry,
}: {
  config: Config;
  logger?: Logger;
  /** Started by the caller, before the app (see telemetry/index.ts); off by default. */
  telemetry?: Telemetry;
}) {
  const metrics = createMetrics({
    connectionCount: () => gateway.connectionCount,
    runningCount: () => runner.runningCount,
  });
  const onRedisError = (port: "bus" | "streams" | "limits") => (error: unknown) => {
    metrics.redisErrors.inc({ port });
    logger.error({ err: error, port }, "redis error");
  };

  const store = telemetry.traceStore(
    await openStore(config.db, {
      onConnectionError: (error) => logger.error({ err: error }, "database connection error"),
    }),
  );
  const bus = telemetry.traceBus(await openBus({ redis: config.redis, onError: onRedisError("bus") }));
  const streams = await openStreamLog({
    redis: config.redis,
    retentionMs: config.streams.retentionMs,
    onError: onRedisError("streams"),
  });
  const limits = await openWindowCounter({ redis: config.redis, onError: onRedisError("limits") });
  const models = createModelRegistry({ config: config.providers, logger });

  const relay = createEventRelay({
    store,
    bus,
    logger,
    metrics,
    sweepIntervalMs: OUTBOX_SWEEP_INTERVAL_MS,
    orphanAfterMs: OUTBOX_ORPHAN_AFTER_MS,
  });
  const outbox = createOutbox({ store, relay });
  const access = createAccessPolicy({ store });

  await store.sessions.deleteExpiredSessions({ now: new Date().toISOString() });
  if (!config.redis) {
    // Embedded mode keeps stream logs in this process, so a reply left `streaming` by an earlier run cannot go on.
    const interrupted = await sweepStaleGenerations({ outbox, streams, leaseMs: 0, logger });
    if (interrupted > 0) logger.warn({ interrupted }, "marked replies of the previous run as interrupted");
  }

  const secret = await resolveSessionSecret({ configured: config.auth.sessionSecret, dataDir: config.dataDir });
  const tokens = createSessionTokens({ secret });
  const accounts = createAccountService({
    store,
    bus,
    tokens,
    throttle: createLoginThrottle({
      counter: limits,
      maxAttempts: config.auth.loginMaxAttempts,
      windowMs: config.auth.loginWindowMs,
      onError: (error) => logger.error({ err: error }, "login throttle unavailable; sign-in allowed"),
    }),
    sessionTtlMs: config.auth.sessionTtlMs,
    adminEmails: config.auth.adminEmails,
  });
  const externalAccounts = createExternalAccounts({ store, adminEmails: config.auth.adminEmails });
  const jwtReader = config.jwt
    ? createJwtCredentialReader({
        settings: config.jwt,
        accounts: externalAccounts,
        onRefused: (reason) => logger.debug({ reason }, "bearer JWT refused"),
      })
    : undefined;
  const credentials = createCredentialResolver({ store, tokens, readers: jwtReader ? [jwtReader] : [] });
  const revocations = createRevocations({ bus });
  const conversations = createConversationService({ store, models, access, outbox });
  const runner = createTurnRunner({
    store,
    outbox,
    streams,
    bus,
    models,
    idleTimeoutMs: config.providers.idleTimeoutMs,
    checkpointIntervalMs: config.streams.checkpointIntervalMs,
    leaseMs: config.streams.leaseMs,
    metrics,
    logger,
  });
  const sweepTimer = setInterval(() => {
    sweepStaleGenerations({ outbox, streams, leaseMs: config.streams.leaseMs, logger }).catch((error: unknown) => {
      metrics.backgroundErrors.inc({ operation: "stale generation sweep" });
      logger.error({ err: error }, "stale generation sweep failed");
    });
  }, config.streams.leaseMs / 3);
  sweepTimer.unref();
  const messages = createMessageService({ store, streams, models, access, outbox, runner });

  const http = await createHttpServer({
    logger,
    instrument: telemetry.enabled ? (app) => telemetry.instrumentHttp(app) : undefined,
    context: {
      accounts,
      users: createUsersService({ store, bus, access }),
      principals: createRequestPrincipals({ credentials }),
      revocations,
      sessions: createSessionCookies({ publicUrl: config.http.publicUrl }),
      conversations,
      messages,
      uiChat: createUiChatService({ conversations, messages, access }),
      models,
      metrics,
      checkReadiness: async () => {
        await Promise.all([store.ping(), bus.ping()]);
      },
      oidc: config.oidc
        ? {
            signIn: createOidcSignIn({
              settings: config.oidc,
              accounts: externalAccounts,
              seal: createOidcFlowSeal({ secret }),
              counter: limits,
            }),
            publicUrl: config.http.publicUrl,
          }
        : undefined,
      metricsToken: config.metrics.token,
    },
  });
  const gateway = attachRealtimeGateway({
    server: http.server,
    logger,
    context: {
      credentials,
      revocations,
      messages,
      feed: createConversationFeed({ bus, access }),
      metrics,
      traceFrame: telemetry.enabled ? (run) => telemetry.traceFrame(run) : undefined,
    },
    options: { ...config.realtime, publicUrl: config.http.publicUrl, corsOrigins: config.http.corsOrigins },
  });

  return {
    http,
    logger,
    /** Open WebSocket connections on this instance. */
    get connectionCount() {
      return gateway.connectionCount;
    },
    async listen(): Promise<string> {
      return http.listen({ host: config.http.host, port: config.http.port });
    },
    /** Stops taking work, lets running generations finish within `graceMs`, then closes everything. */
    async close({ graceMs = 30_000 }: { graceMs?: number } = {}) {
      clearInterval(sweepTimer);
      gateway.close();
      const closing = http.close();
      await runner.shutdown({ graceMs });
      await closing;
      await relay.stop();
      await streams.close();
      await limits.close();
      await bus.close();
      await store.close();
    },
  };
}
export type App = Awaited<ReturnType<typeof createApp>>;
