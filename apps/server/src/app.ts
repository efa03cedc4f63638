import pino, { type Logger } from "pino";
import { createAuthService } from "./auth/auth.service.ts";
import { createLoginThrottle } from "./auth/login-throttle.ts";
import { resolveSessionSecret } from "./auth/session-secret.ts";
import { createSessionTokens } from "./auth/session-tokens.ts";
import type { Bus } from "./bus/index.ts";
import { createMemoryBus } from "./bus/memory.ts";
import { createConversationService } from "./chat/conversation.service.ts";
import { createConversationFeed } from "./chat/conversation-feed.ts";
import { createMessageService } from "./chat/message.service.ts";
import { startStaleGenerationSweeper } from "./chat/stale-generations.ts";
import { createTurnRunner } from "./chat/turn-runner.ts";
import type { Config } from "./config.ts";
import { createHttpServer } from "./http/server.ts";
import { createSessionCookies } from "./http/session-cookie.ts";
import type { WindowCounter } from "./limits/index.ts";
import { createMemoryWindowCounter } from "./limits/memory.ts";
import { createMetrics, type Metrics } from "./metrics/index.ts";
import { createModelRegistry } from "./providers/registry.ts";
import { attachRealtimeGateway } from "./realtime/gateway.ts";
import { openStore } from "./store/index.ts";
import type { StreamLog } from "./streams/index.ts";
import { createMemoryStreamLog } from "./streams/memory.ts";

export function createLogger(config: Pick<Config, "logLevel">): Logger {
  return pino({
    level: config.logLevel,
    redact: {
      paths: ["req.headers.cookie", "req.headers.authorization", 'res.headers["set-cookie"]', "*.password", "*.apiKey"],
      censor: "[redacted]",
    },
  });
}

/** The bus and stream log: in this process, or over Redis (loaded only then) so that instances share them. */
async function openMessaging(
  config: Config,
  logger: Logger,
  metrics: Metrics,
): Promise<{ bus: Bus; streams: StreamLog; limits: WindowCounter }> {
  const { retentionMs } = config.streams;
  if (!config.redis) {
    return {
      bus: createMemoryBus(),
      streams: createMemoryStreamLog({ retentionMs }),
      limits: createMemoryWindowCounter(),
    };
  }
  const onError = (port: "bus" | "streams" | "limits") => (error: unknown) => {
    metrics.redisErrors.inc({ port });
    logger.error({ err: error, port }, "redis error");
  };
  const [{ createRedisBus }, { createRedisStreamLog }, { createRedisWindowCounter }] = await Promise.all([
    import("./bus/redis.ts"),
    import("./streams/redis.ts"),
    import("./limits/redis.ts"),
  ]);
  const { url } = config.redis;
  return {
    bus: await createRedisBus({ url, onError: onError("bus") }),
    streams: await createRedisStreamLog({ url, retentionMs, onError: onError("streams") }),
    limits: await createRedisWindowCounter({ url, onError: onError("limits") }),
  };
}

/** The composition root: the one place that picks every adapter from config and wires the services. */
export async function createApp({ config, logger = createLogger(config) }: { config: Config; logger?: Logger }) {
  const store = await openStore(config.db, {
    onPoolError: (error) => logger.error({ err: error }, "database connection error"),
  });
  await store.sessions.deleteExpiredSessions({ now: new Date().toISOString() });
  if (!config.redis) {
    // Embedded mode keeps stream logs in this process, so a reply left `streaming` by an earlier run cannot go on.
    const interrupted = await store.messages.interruptStreamingMessages({ now: new Date().toISOString() });
    if (interrupted > 0) logger.warn({ interrupted }, "marked replies of the previous run as interrupted");
  }
  const metrics = createMetrics({
    connectionCount: () => gateway.connectionCount,
    runningCount: () => runner.runningCount,
  });
  const { bus, streams, limits } = await openMessaging(config, logger, metrics);
  const models = createModelRegistry({ config: config.providers, logger });

  const secret = await resolveSessionSecret({ configured: config.auth.sessionSecret, dataDir: config.dataDir });
  const auth = createAuthService({
    store,
    bus,
    tokens: createSessionTokens({ secret }),
    throttle: createLoginThrottle({
      counter: limits,
      maxAttempts: config.auth.loginMaxAttempts,
      windowMs: config.auth.loginWindowMs,
      onError: (error) => logger.error({ err: error }, "login throttle unavailable; sign-in allowed"),
    }),
    sessionTtlMs: config.auth.sessionTtlMs,
  });
  const conversations = createConversationService({ store, models, bus });
  const runner = createTurnRunner({
    store,
    streams,
    bus,
    models,
    idleTimeoutMs: config.providers.idleTimeoutMs,
    checkpointIntervalMs: config.streams.checkpointIntervalMs,
    leaseMs: config.streams.leaseMs,
    metrics,
    logger,
  });
  const sweeper = startStaleGenerationSweeper({ store, streams, bus, leaseMs: config.streams.leaseMs, logger });
  const messages = createMessageService({ store, streams, bus, models, conversations, runner });

  const http = await createHttpServer({
    logger,
    context: {
      auth,
      sessions: createSessionCookies({ auth, publicUrl: config.http.publicUrl }),
      conversations,
      messages,
      models,
      metrics,
      checkReadiness: async () => {
        await Promise.all([store.ping(), bus.ping()]);
      },
    },
  });
  const gateway = attachRealtimeGateway({
    server: http.server,
    logger,
    context: { auth, messages, feed: createConversationFeed({ bus, conversations }), metrics },
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
      sweeper.stop();
      gateway.close();
      const closing = http.close();
      await runner.shutdown({ graceMs });
      await closing;
      await streams.close();
      await limits.close();
      await bus.close();
      await store.close();
    },
  };
}
export type App = Awaited<ReturnType<typeof createApp>>;
