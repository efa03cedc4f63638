import type { Logger } from "pino";
import { createAccessPolicy } from "./access/access.ts";
import { createOutboundWebhooks, createSlackApp, createTriggers } from "./automation/index.ts";
import { openBlobStore, s3BrowserOrigin } from "./blobs/index.ts";
import { type Bus, openBus } from "./bus/index.ts";
import { createConversationService } from "./chat/conversation.service.ts";
import { createConversationFeed } from "./chat/conversation-feed.ts";
import { createConversationHistory } from "./chat/conversation-history.ts";
import { createConversationTitleJob } from "./chat/conversation-title.job.ts";
import { createExportService } from "./chat/export.service.ts";
import { createMemberService } from "./chat/member.service.ts";
import { createMessageService } from "./chat/message.service.ts";
import { createPresence } from "./chat/presence.ts";
import { createSearchService } from "./chat/search.service.ts";
import { createShareService } from "./chat/share.service.ts";
import { createSpaceService } from "./chat/space.service.ts";
import { createUiChatService } from "./chat/ui-chat.service.ts";
import type { Config } from "./config.ts";
import { createOutbox } from "./events/outbox.ts";
import { createEventRelay } from "./events/relay.ts";
import { createAttachments } from "./files/attachment-parts.ts";
import { createFileService } from "./files/file.service.ts";
import { createSweepFilesJob } from "./files/sweep-files.job.ts";
import { createUploadUrlSigner } from "./files/upload-urls.ts";
import { createDirectCompletions } from "./generation/direct-completion.ts";
import { createGenerationLimits } from "./generation/generation-limits.ts";
import { createImageReplyJob } from "./generation/image-reply.job.ts";
import { sweepStaleGenerations } from "./generation/stale-generations.ts";
import { createSweepStaleGenerationsJob } from "./generation/sweep-stale-generations.job.ts";
import { createTurnRunner } from "./generation/turn-runner.ts";
import { createUsageService } from "./generation/usage.service.ts";
import { createUsageMeter } from "./generation/usage-meter.ts";
import { createRequestPrincipals } from "./http/principals.ts";
import { createHttpServer } from "./http/server.ts";
import { createSessionCookies } from "./http/session-cookie.ts";
import { createAccountService } from "./identity/account.service.ts";
import { createApiTokens } from "./identity/api-tokens.ts";
import { createCredentialResolver } from "./identity/credentials.ts";
import { createExternalAccounts } from "./identity/external-accounts.ts";
import { createJwtCredentialReader } from "./identity/jwt-credentials.ts";
import { createOidcFlowSeal } from "./identity/oidc-flow.ts";
import { createOidcSignIn } from "./identity/oidc-sign-in.ts";
import { createPurgeSessionsJob } from "./identity/purge-sessions.job.ts";
import { createRevocations } from "./identity/revocations.ts";
import { resolveSessionSecret } from "./identity/session-secret.ts";
import { createSessionTokens } from "./identity/session-tokens.ts";
import { createSignInThrottle } from "./identity/sign-in-throttle.ts";
import { createUsersService } from "./identity/users.service.ts";
import { cacheVerifiedCredentials } from "./identity/verified-credentials.ts";
import { createImportService } from "./imports/import.service.ts";
import { createImportConversationsJob } from "./imports/import-conversations.job.ts";
import { type JobDefinition, type JobQueue, openJobQueue, type StoreKysely } from "./jobs/index.ts";
import { openRateLimiters } from "./limits/rate-limiters.ts";
import { createUserLimiter } from "./limits/user-limits.ts";
import { createLogger } from "./logs/logger.ts";
import { createMcpServers } from "./mcp/mcp-servers.ts";
import { createMetrics } from "./metrics/index.ts";
import { recordJobEvents } from "./metrics/job-events.ts";
import { openPluginHost } from "./plugins/open-plugin-host.ts";
import type { ModelRegistry } from "./providers/index.ts";
import { createModelAccessService } from "./providers/model-access.service.ts";
import { createSafeFetch } from "./providers/outbound-safety.ts";
import { createProviderKeysService } from "./providers/provider-keys.service.ts";
import { createModelRegistry } from "./providers/registry.ts";
import { createUserModelRegistry } from "./providers/user-models.ts";
import { attachRealtimeGateway, type RealtimeGateway } from "./realtime/gateway.ts";
import { openSandbox } from "./sandbox/index.ts";
import { createEnvelopeSecretBox, resolveMasterKey } from "./secrets/index.ts";
import { createUserSecretsService } from "./secrets/user-secrets.service.ts";
import { openStore, type Store } from "./store/index.ts";
import { openStreamLog, type StreamLog } from "./streams/index.ts";
import { disabledTelemetry, type Telemetry } from "./telemetry/index.ts";
import { createToolRegistry } from "./tools/registry.ts";
import { createRunCodeTool } from "./tools/run-code.ts";
import { createToolSourcesService } from "./tools/tool-sources.service.ts";

const OUTBOX_SWEEP_INTERVAL_MS = 1_000;
const SESSION_PURGE_CRON = "17 * * * *";
const FILE_SWEEP_CRON = "*/10 * * * *";

/**
 * Everything but the transports: the ports picked from config, the domain services over them, and the durable
 * jobs. The server adds HTTP and WebSocket on top; the worker runs only the jobs.
 */
export async function createCore({
  config,
  logger,
  connectionCount = () => 0,
  ports = {},
  telemetry = disabledTelemetry,
}: {
  config: Config;
  logger: Logger;
  /** Started by the caller, before the core (see telemetry/index.ts); off by default. */
  telemetry?: Telemetry;
  /** Open WebSocket connections, for the metrics: the server has some, the worker none. */
  connectionCount?: () => number;
  /** Ports to use instead of the configured ones: tests hand in failing or in-memory ones. */
  ports?: Partial<{ store: Store; bus: Bus; streams: StreamLog; models: ModelRegistry }>;
}) {
  let jobs: JobQueue | undefined;
  const metrics = createMetrics({
    connectionCount: () => connectionCount(),
    runningCount: () => runner.runningCount,
    jobCounts: async () => (jobs ? jobs.stats() : {}),
  });
  const onRedisError = (port: "bus" | "streams" | "limits") => (error: unknown) => {
    metrics.redisErrors.inc({ port });
    logger.error({ err: error, port }, "redis error");
  };

  // The ports open at once: each waits on its own server (migrations, Redis scripts), not on the others.
  const [store, bus, streams, limiters, blobs] = await Promise.all([
    ports.store ??
      openStore(config.db, {
        onConnectionError: (error) => logger.error({ err: error }, "database connection error"),
      }).then((opened) => telemetry.traceStore(opened)),
    ports.bus ??
      openBus({ redis: config.redis, onError: onRedisError("bus") }).then((opened) => telemetry.traceBus(opened)),
    ports.streams ??
      openStreamLog({ redis: config.redis, retentionMs: config.streams.retentionMs, onError: onRedisError("streams") }),
    openRateLimiters({ redis: config.redis, onError: onRedisError("limits") }),
    openBlobStore({ storage: config.storage, dataDir: config.dataDir }),
  ]);
  const userLimiter = createUserLimiter({ limiters });
  jobs = await openJobQueue({
    database: config.db,
    db: store.handle as StoreKysely,
    onEvent: recordJobEvents({ metrics, logger }),
  });
  const secrets = createEnvelopeSecretBox({
    masterKey: await resolveMasterKey({ configured: config.keys.masterKey, dataDir: config.dataDir }),
    previous: config.keys.previousMasterKeys,
  });
  const outbound = { allowPrivate: config.keys.allowPrivateBaseUrls };
  const safeFetch = createSafeFetch(outbound);
  const models = createUserModelRegistry({
    base: ports.models ?? createModelRegistry({ config: config.providers, logger }),
    store,
    secrets,
    providers: config.providers,
    safeFetch,
    logger,
  });
  const generationLimits = createGenerationLimits({ store, limiter: userLimiter, defaults: config.limits });
  const meter = createUsageMeter({
    limiter: userLimiter,
    onError: (error) => logger.error({ err: error }, "could not count tokens against the daily quota"),
  });
  const tools = createToolRegistry();
  const sandbox = await openSandbox(config.sandbox);
  if (sandbox) tools.register(createRunCodeTool({ sandbox }));
  const userSecrets = createUserSecretsService({ store, secrets });
  const mcp = createMcpServers({
    configPath: config.mcp.configPath,
    registry: tools,
    connectTimeoutMs: config.mcp.connectTimeoutMs,
    callTimeoutMs: config.mcp.callTimeoutMs,
    retryMs: config.mcp.retryMs,
    revealSecrets: (input) => userSecrets.revealSecrets(input),
    logger,
  });
  // Servers connect in the background: one that is slow to answer must not hold up the start.
  const mcpStarted = mcp.start().catch((error: unknown) => logger.error({ err: error }, "MCP servers not started"));
  const plugins = openPluginHost({ config: config.plugins, registry: tools, bus, logger });
  const pluginsStarted = plugins.start().catch((error: unknown) => logger.error({ err: error }, "plugins not started"));

  const relay = createEventRelay({
    store,
    bus,
    logger,
    metrics,
    sweepIntervalMs: OUTBOX_SWEEP_INTERVAL_MS,
    orphanAfterMs: config.events.orphanAfterMs,
  });
  const webhooks = createOutboundWebhooks({
    store,
    metrics,
    jobs,
    secrets,
    safeFetch,
    outbound,
    logger,
    settings: config.automation,
  });
  const outbox = createOutbox({ store, relay, onRecorded: webhooks.events.onConversationEvent });
  const access = createAccessPolicy({ store });
  const attachments = createAttachments({ store, blobs });
  const runner = createTurnRunner({
    readFile: attachments.toModelParts,
    store,
    outbox,
    streams,
    bus,
    tools: { registry: tools, maxSteps: config.tools.maxSteps },
    idleTimeoutMs: config.providers.idleTimeoutMs,
    checkpointIntervalMs: config.streams.checkpointIntervalMs,
    leaseMs: config.streams.leaseMs,
    maxReplyBytes: config.streams.maxReplyBytes,
    deltaCoalesceMs: config.streams.deltaCoalesceMs,
    metrics,
    logger,
    meter,
    generationSpans: telemetry.enabled,
  });
  const titleJob =
    config.titles.kind === "none"
      ? undefined
      : createConversationTitleJob({
          store,
          models,
          outbox,
          titleModel: config.titles.kind === "model" ? config.titles.model : undefined,
        });
  const imageJob = createImageReplyJob({
    store,
    outbox,
    streams,
    bus,
    models,
    blobs,
    meter,
    logger,
    idleTimeoutMs: config.providers.idleTimeoutMs,
    checkpointIntervalMs: config.streams.checkpointIntervalMs,
    leaseMs: config.streams.leaseMs,
  });
  const sweepJob = createSweepStaleGenerationsJob({ outbox, streams, leaseMs: config.streams.leaseMs, logger });
  const purgeJob = createPurgeSessionsJob({ store });
  const conversations = createConversationService({
    store,
    models,
    access,
    outbox,
    pageMax: config.http.conversationsPageMax,
  });
  const messages = createMessageService({
    store,
    bus,
    streams,
    models,
    access,
    outbox,
    runner,
    limits: generationLimits,
    titles: titleJob && { jobs, job: titleJob },
    images: { jobs, job: imageJob },
    attachments,
  });
  const triggers = createTriggers({
    store,
    jobs,
    secrets,
    safeFetch,
    settings: config.automation,
    access,
    models,
    conversations,
    messages,
    webhooks,
  });
  const slack = config.slack
    ? createSlackApp({ settings: config.slack, store, jobs, conversations, messages, streams, logger })
    : undefined;
  const fileSweepJob = createSweepFilesJob({ store, blobs, logger });
  const importJob = createImportConversationsJob({ store, outbox, blobs, models });
  const jobDefinitions = [
    sweepJob,
    purgeJob,
    fileSweepJob,
    imageJob,
    importJob,
    ...(titleJob ? [titleJob] : []),
    ...triggers.jobs,
    ...webhooks.jobs,
    ...(slack?.jobs ?? []),
  ] as JobDefinition<unknown>[];
  await jobs.schedule(sweepJob, {}, { everyMs: config.streams.leaseMs / 3 });
  await jobs.schedule(purgeJob, {}, { cron: SESSION_PURGE_CRON });
  await jobs.schedule(fileSweepJob, {}, { cron: FILE_SWEEP_CRON });
  await webhooks.schedule();

  return {
    config,
    logger,
    metrics,
    store,
    bus,
    streams,
    limiters,
    userLimiter,
    blobs,
    secrets,
    outbound,
    safeFetch,
    generationLimits,
    meter,
    jobs,
    models,
    tools,
    userSecrets,
    mcp,
    /** Resolves once MCP_CONFIG is read and each of its servers answered or failed. */
    mcpStarted,
    plugins,
    /** Resolves once the workspace's plugins loaded or failed. */
    pluginsStarted,
    toolSources: createToolSourcesService({ mcp, plugins, access }),
    relay,
    outbox,
    access,
    runner,
    conversations,
    messages,
    triggers: triggers.service,
    triggerIntake: triggers.intake,
    webhooks: webhooks.service,
    slackEvents: slack?.events,
    members: createMemberService({ store, access, outbox }),
    imports: createImportService({ store, blobs, jobs, job: importJob }),
    history: createConversationHistory({
      store,
      bus,
      access,
      onError: (error) =>
        logger.error({ err: error }, "a conversation watch could not read the history; told to resync"),
    }),
    /** Resolves when every dependency answers; rejects with the failing one otherwise. */
    async checkReadiness() {
      await Promise.all([store.ping(), bus.ping()]);
    },
    /**
     * Runs the durable jobs (titles, image replies, sweeps, session purges, imports, trigger runs and ticks, webhook
     * deliveries) in this process.
     */
    work: () => jobs.work(jobDefinitions),
    /** Takes no more jobs, and lets running jobs and generations finish within `graceMs`. */
    async stopWork({ graceMs }: { graceMs: number }) {
      await Promise.all([jobs.stop({ graceMs }), runner.shutdown({ graceMs })]);
      await relay.stop();
    },
    /** Closes every port; call `stopWork` first. */
    async closePorts() {
      await mcp.close();
      await plugins.close();
      await sandbox?.close();
      await streams.close();
      await limiters.close();
      await bus.close();
      await blobs.close();
      await store.close();
    },
  };
}
export type Core = Awaited<ReturnType<typeof createCore>>;

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
  let gateway: RealtimeGateway | undefined;
  const core = await createCore({ config, logger, telemetry, connectionCount: () => gateway?.connectionCount ?? 0 });
  const { store, streams, outbox, access, metrics } = core;

  await store.sessions.deleteExpiredSessions({ now: new Date().toISOString() });
  if (!config.redis) {
    // Embedded mode keeps stream logs in this process, so a reply left `streaming` by an earlier run cannot go on.
    const interrupted = await sweepStaleGenerations({ outbox, streams, leaseMs: 0, logger });
    if (interrupted > 0) logger.warn({ interrupted }, "marked replies of the previous run as interrupted");
  }

  const secret = await resolveSessionSecret({ configured: config.auth.sessionSecret, dataDir: config.dataDir });
  const tokens = createSessionTokens({ secret });
  const externalAccounts = createExternalAccounts({ store, adminEmails: config.auth.adminEmails });
  const jwtReader = config.jwt
    ? createJwtCredentialReader({
        settings: config.jwt,
        accounts: externalAccounts,
        onRefused: (reason) => logger.debug({ reason }, "bearer JWT refused"),
      })
    : undefined;
  const credentials = cacheVerifiedCredentials({
    credentials: createCredentialResolver({ store, tokens, readers: jwtReader ? [jwtReader] : [] }),
    bus: core.bus,
    ...config.auth.verifiedCache,
  });
  // Services below publish revocations here, so this instance forgets a revoked session before answering.
  const { bus } = credentials;
  const accounts = createAccountService({
    store,
    bus,
    tokens,
    throttle: createSignInThrottle({
      limiters: core.limiters,
      maxFailures: config.auth.loginMaxAttempts,
      windowSeconds: config.auth.loginWindowMs / 1000,
      registrationsPerHour: config.auth.registrationsPerAddressPerHour,
    }),
    sessionTtlMs: config.auth.sessionTtlMs,
    adminEmails: config.auth.adminEmails,
    allowSignup: config.auth.allowSignup,
  });
  const revocations = createRevocations({ bus });

  const http = await createHttpServer({
    logger,
    instrument: telemetry.enabled ? (app) => telemetry.instrumentHttp(app) : undefined,
    v1: { idleTimeoutMs: config.providers.idleTimeoutMs },
    origins: { publicUrl: config.http.publicUrl, corsOrigins: config.http.corsOrigins },
    trustProxy: config.http.trustProxy,
    limits: config.http.limits,
    web: { storageOrigin: config.storage.kind === "s3" ? s3BrowserOrigin(config.storage) : undefined },
    context: {
      accounts,
      users: createUsersService({ store, bus, access, accounts, limitDefaults: config.limits }),
      principals: createRequestPrincipals({ credentials }),
      revocations,
      sessions: createSessionCookies({ publicUrl: config.http.publicUrl }),
      conversations: core.conversations,
      members: core.members,
      spaces: createSpaceService({ store, access, outbox }),
      history: core.history,
      shares: createShareService({ store, access, outbox, models: core.models }),
      exports: createExportService({ store, access }),
      imports: core.imports,
      importMaxBytes: config.imports.maxBytes,
      search: createSearchService({ store }),
      publicUrl: config.http.publicUrl,
      messages: core.messages,
      uiChat: createUiChatService({ conversations: core.conversations, messages: core.messages, access }),
      models: core.models,
      files: createFileService({
        store,
        blobs: core.blobs,
        access,
        signer: createUploadUrlSigner({ secret }),
        limits: config.files,
      }),
      tools: core.tools,
      toolSources: core.toolSources,
      userSecrets: core.userSecrets,
      metrics,
      checkReadiness: core.checkReadiness,
      triggers: core.triggers,
      triggerIntake: core.triggerIntake,
      webhooks: core.webhooks,
      slackEvents: core.slackEvents,
      oidc: config.oidc
        ? {
            signIn: createOidcSignIn({
              settings: config.oidc,
              accounts: externalAccounts,
              seal: createOidcFlowSeal({ secret }),
              limiters: core.limiters,
            }),
            publicUrl: config.http.publicUrl,
          }
        : undefined,
      metricsToken: config.metrics.token,
      providerKeys: createProviderKeysService({
        store,
        secrets: core.secrets,
        access,
        providers: config.providers,
        outbound: core.outbound,
        safeFetch: core.safeFetch,
      }),
      apiTokens: createApiTokens({ store, bus }),
      usage: createUsageService({ store, access }),
      modelAccess: createModelAccessService({ store, models: core.models, access }),
      completions: createDirectCompletions({
        models: core.models,
        limits: core.generationLimits,
        meter: core.meter,
        store,
        logger,
      }),
    },
  });
  gateway = attachRealtimeGateway({
    server: http.server,
    logger,
    context: {
      credentials,
      revocations,
      messages: core.messages,
      feed: createConversationFeed({
        bus,
        access,
        store,
        onError: (error) => logger.error({ err: error }, "a conversation list update was not delivered"),
      }),
      history: core.history,
      presence: createPresence({ bus, access, store }),
      metrics,
      traceFrame: telemetry.enabled ? (run) => telemetry.traceFrame(run) : undefined,
    },
    options: { ...config.realtime, publicUrl: config.http.publicUrl, corsOrigins: config.http.corsOrigins },
  });
  if (config.worker.mode === "inline") await core.work();
  // Lists every provider's models once now, so that one it cannot reach is reported at start, not at first use.
  void core.models.listModels();

  return {
    http,
    logger,
    /** The tool registry, where tests and later sources (MCP, plugins) register tool providers. */
    tools: core.tools,
    /** The MCP servers of MCP_CONFIG. */
    mcp: core.mcp,
    /** Resolves once MCP_CONFIG is read and each of its servers answered or failed. */
    mcpStarted: core.mcpStarted,
    /** The plugin host of PLUGINS_DIR. */
    plugins: core.plugins,
    /** Resolves once the workspace's plugins loaded or failed. */
    pluginsStarted: core.pluginsStarted,
    /** Open WebSocket connections on this instance. */
    get connectionCount() {
      return gateway?.connectionCount ?? 0;
    },
    async listen(): Promise<string> {
      return http.listen({ host: config.http.host, port: config.http.port });
    },
    /** Stops taking work, lets running generations and jobs finish within `graceMs`, then closes everything. */
    async close({ graceMs = 30_000 }: { graceMs?: number } = {}) {
      gateway?.close();
      const closing = http.close();
      await core.stopWork({ graceMs });
      await closing;
      credentials.close();
      await core.closePorts();
    },
  };
}
export type App = Awaited<ReturnType<typeof createApp>>;
