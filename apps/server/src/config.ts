import { isIP } from "node:net";
import { z } from "zod";
import { identityIssues, isSecureOrLoopbackUrl, slackIssues } from "./config-identity.ts";

const optionalString = z.preprocess((value) => (value === "" ? undefined : value), z.string().optional());
const optionalUrl = z.preprocess((value) => (value === "" ? undefined : value), z.url().optional());

const MASTER_KEY_MESSAGE = "must be the base64 of 32 random bytes (try: openssl rand -base64 32)";
const isMasterKey = (value: string) => /^[A-Za-z0-9+/]{43}=$/.test(value) && Buffer.from(value, "base64").length === 32;

/** A Postgres pool's connections and how long a query waits for one: DATABASE_POOL_SIZE, DATABASE_POOL_TIMEOUT_MS. */
export const DEFAULT_DATABASE_POOL = { size: 20, timeoutMs: 30_000 };

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: optionalUrl.refine((url) => url === undefined || /^postgres(ql)?:\/\//.test(url), {
    message: "must be a postgres:// or postgresql:// URL",
  }),
  REDIS_URL: optionalUrl,
  SESSION_SECRET: optionalString,
  SESSION_TTL_DAYS: z.coerce.number().positive().default(30),
  SESSION_CACHE_TTL_MS: z.coerce.number().int().nonnegative().default(30_000),
  SESSION_CACHE_MAX_ENTRIES: z.coerce.number().int().positive().default(10_000),
  CORS_ORIGINS: optionalString,
  PUBLIC_URL: optionalUrl,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  LOG_CONTENT: z
    .enum(["true", "false", ""])
    .default("false")
    .transform((value) => value === "true"),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalUrl,
  ANTHROPIC_API_KEY: optionalString,
  ANTHROPIC_BASE_URL: optionalUrl,
  GOOGLE_GENERATIVE_AI_API_KEY: optionalString,
  GOOGLE_GENERATIVE_AI_BASE_URL: optionalUrl,
  XAI_API_KEY: optionalString,
  XAI_BASE_URL: optionalUrl,
  OPENAI_COMPATIBLE_BASE_URL: optionalUrl,
  OPENAI_COMPATIBLE_API_KEY: optionalString,
  OPENAI_COMPATIBLE_NAME: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, "must be lowercase letters, digits and dashes")
    .default("local"),
  DEFAULT_MODEL: optionalString,
  PROVIDER_IDLE_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
  ADMIN_EMAILS: optionalString,
  LOGIN_MAX_ATTEMPTS: z.coerce.number().int().positive().default(10),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().positive().default(900),
  REGISTRATIONS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().positive().default(20),
  TRUST_PROXY: optionalString.refine((value) => commaList(value).every(isAddressOrRange), {
    message: "must be comma-separated IP addresses or CIDR ranges, e.g. 10.0.0.0/8,127.0.0.1",
  }),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1_000).default(30_000),
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(500).default(10_000),
  HTTP_MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().positive().default(256),
  CONVERSATIONS_PAGE_MAX: z.coerce.number().int().min(1).max(1000).default(100),
  ALLOW_SIGNUP: z
    .enum(["true", "false", ""])
    .default("true")
    .transform((value) => value !== "false"),
  WS_MAX_FRAME_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(64 * 1024),
  WS_PING_INTERVAL_MS: z.coerce.number().int().positive().default(30_000),
  WS_MAX_SOCKETS_PER_USER: z.coerce.number().int().positive().default(32),
  WS_MAX_SUBSCRIPTIONS_PER_SOCKET: z.coerce.number().int().positive().default(64),
  WS_MAX_WATCHES_PER_SOCKET: z.coerce.number().int().positive().default(256),
  WS_MAX_FRAMES_PER_SECOND: z.coerce.number().int().positive().default(50),
  WS_MAX_BUFFERED_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(8 * 1024 * 1024),
  CHECKPOINT_INTERVAL_MS: z.coerce.number().int().positive().default(500),
  STREAM_DELTA_COALESCE_MS: z.coerce.number().int().min(0).max(1000).default(0),
  GENERATION_LEASE_MS: z.coerce.number().int().min(300).default(15_000),
  STREAM_RETENTION_SECONDS: z.coerce.number().int().positive().default(600),
  MAX_REPLY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(2 * 1024 * 1024),
  EVENT_ORPHAN_AFTER_MS: z.coerce.number().int().min(0).default(5_000),
  WORKER: z.enum(["inline", "off"]).default("inline"),
  WORKER_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  TITLE_MODEL: optionalString,
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(30_000),
  MAX_TOOL_STEPS: z.coerce.number().int().min(1).max(100).default(8),
  SANDBOX_LANGUAGES: z
    .string()
    .default("javascript")
    .transform((value) => commaList(value).filter((language) => language !== "none"))
    .pipe(z.array(z.enum(["javascript", "python"]))),
  SANDBOX_TIMEOUT_MS: z.coerce.number().int().min(10).max(600_000).default(5_000),
  SANDBOX_MEMORY_MB: z.coerce.number().int().min(32).max(4096).default(64),
  SANDBOX_STACK_KB: z.coerce.number().int().min(64).max(16_384).default(512),
  SANDBOX_WORKERS: z.coerce.number().int().min(1).max(64).default(2),
  SANDBOX_PYTHON_MEMORY_MB: z.coerce.number().int().min(128).max(8192).default(512),
  MCP_CONFIG: optionalString,
  MCP_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  MCP_CALL_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  MCP_RETRY_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  PLUGINS_DIR: optionalString,
  PLUGINS_RELOAD: z.enum(["commit", "files", "off"]).default("commit"),
  PLUGIN_LOAD_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  PLUGIN_CALL_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  PLUGIN_MEMORY_MB: z.coerce.number().int().min(16).max(8192).default(128),
  DATABASE_CA_FILE: optionalString,
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1_000).default(DEFAULT_DATABASE_POOL.size),
  DATABASE_POOL_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(DEFAULT_DATABASE_POOL.timeoutMs),
  REDIS_CA_FILE: optionalString,
  OIDC_ISSUER: optionalUrl.refine(isSecureOrLoopbackUrl, {
    message: "must be https:// (http:// only on a loopback address)",
  }),
  OIDC_CLIENT_ID: optionalString,
  OIDC_CLIENT_SECRET: optionalString,
  OIDC_SCOPES: z.string().min(1).default("openid email profile"),
  OIDC_NAME: z.string().min(1).max(60).default("Single sign-on"),
  AUTH_JWT_ISSUER: optionalUrl.refine(isSecureOrLoopbackUrl, {
    message: "must be https:// (http:// only on a loopback address)",
  }),
  AUTH_JWKS_URL: optionalUrl.refine(isSecureOrLoopbackUrl, {
    message: "must be https:// (http:// only on a loopback address)",
  }),
  AUTH_JWT_AUDIENCE: optionalString,
  AUTH_JWT_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl,
  OTEL_SERVICE_NAME: z.string().min(1).default("slipstream"),
  METRICS_TOKEN: optionalString,
  KEYS_MASTER_KEY: optionalString.refine((value) => value === undefined || isMasterKey(value), {
    message: MASTER_KEY_MESSAGE,
  }),
  KEYS_MASTER_KEY_PREVIOUS: optionalString.refine((value) => commaList(value).every(isMasterKey), {
    message: `each comma-separated key ${MASTER_KEY_MESSAGE}`,
  }),
  ALLOW_PRIVATE_BASE_URLS: z
    .enum(["true", "false", ""])
    .default("false")
    .transform((value) => value === "true"),
  USER_MAX_CONCURRENT_GENERATIONS: z.coerce.number().int().min(0).default(4),
  USER_REQUESTS_PER_MINUTE: z.coerce.number().int().min(0).default(60),
  USER_TOKENS_PER_DAY: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.coerce.number().int().min(0).optional(),
  ),
  TRIGGER_RUN_TIMEOUT_MS: z.coerce.number().int().min(1000).default(600_000),
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(100).default(10_000),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_BOT_TOKEN: optionalString,
  SLACK_MODEL: optionalString,
  SLACK_USER_EMAIL: optionalString,
  SLACK_API_URL: z.url({ protocol: /^https?$/ }).default("https://slack.com/api/"),
  STORAGE: z.enum(["local", "s3"]).default("local"),
  S3_BUCKET: optionalString,
  S3_REGION: z.string().min(1).default("us-east-1"),
  S3_ENDPOINT: optionalUrl,
  S3_ACCESS_KEY_ID: optionalString,
  S3_SECRET_ACCESS_KEY: optionalString,
  S3_FORCE_PATH_STYLE: z
    .enum(["true", "false", ""])
    .default("false")
    .transform((value) => value === "true"),
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * 1024 * 1024),
  USER_STORAGE_QUOTA_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .default(1024 * 1024 * 1024),
  UPLOAD_URL_TTL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(900),
  IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(50 * 1024 * 1024),
});

export type Env = z.input<typeof envSchema>;

/** An API provider configured by a key (and an optional base URL override). */
export type KeyedProviderConfig = { apiKey: string; baseURL?: string };

export type ProvidersConfig = {
  openai?: KeyedProviderConfig;
  anthropic?: KeyedProviderConfig;
  google?: KeyedProviderConfig;
  xai?: KeyedProviderConfig;
  openaiCompatible?: { name: string; baseURL: string; apiKey?: string };
  defaultModel?: string;
  /** A generation that receives nothing from its provider for this long ends with an error. */
  idleTimeoutMs: number;
};

/** What a user may use unless an administrator set otherwise. */
export type UserLimitDefaults = {
  concurrentGenerations: number;
  requestsPerMinute: number;
  tokensPerDay: number | null;
};

export type Config = {
  env: "development" | "production" | "test";
  http: {
    host: string;
    port: number;
    publicUrl?: string;
    corsOrigins: string[];
    /** Addresses or CIDR ranges of the proxies whose X-Forwarded-For names the client; empty: nobody's. */
    trustProxy: string[];
    limits: { requestTimeoutMs: number; headersTimeoutMs: number; maxConnectionsPerAddress: number };
    /** The most conversations one page of `GET /api/conversations` holds. */
    conversationsPageMax: number;
  };
  dataDir: string;
  /** `caFile`: a PEM bundle that the server's certificate must chain to (with `sslmode=verify-full`). */
  db:
    | { kind: "sqlite"; path: string }
    | { kind: "postgres"; url: string; caFile?: string; pool?: { size: number; timeoutMs: number } };
  /** `caFile`: a PEM bundle that a `rediss://` server's certificate must chain to. */
  redis?: { url: string; caFile?: string };
  auth: {
    /** Undefined means "generate one into DATA_DIR", which is refused in production. */
    sessionSecret?: string;
    sessionTtlMs: number;
    /** How long an instance keeps a verified session or API token (0: not at all), and how many at most. */
    verifiedCache: { ttlMs: number; maxEntries: number };
    loginMaxAttempts: number;
    loginWindowMs: number;
    /** Lowercase emails of accounts made admins when they register or sign in. */
    adminEmails: ReadonlySet<string>;
    /** When false, `POST /api/auth/register` is refused (but for ADMIN_EMAILS); admins add accounts. */
    allowSignup: boolean;
    /** New accounts one client address may register in an hour. */
    registrationsPerAddressPerHour: number;
  };
  providers: ProvidersConfig;
  keys: {
    /** Undefined means "generate one into DATA_DIR", which is refused in production. */
    masterKey?: Buffer;
    /** Older master keys, still able to open what they wrapped until `npm run keys:rotate` rewraps it. */
    previousMasterKeys: Buffer[];
    /** Lets users' and admins' base URLs reach loopback and private addresses (a local Ollama, the tests). */
    allowPrivateBaseUrls: boolean;
  };
  limits: UserLimitDefaults;
  /** A socket that misses a pong for a whole `pingIntervalMs` is dropped, so dead peers go within two intervals. */
  realtime: {
    maxFrameBytes: number;
    maxFramesPerSecond: number;
    pingIntervalMs: number;
    maxBufferedBytes: number;
    /** Per instance: a user's sockets are counted where they are open. */
    maxSocketsPerUser: number;
    maxSubscriptionsPerSocket: number;
    maxWatchesPerSocket: number;
  };
  /**
   * `maxReplyBytes`: a reply's text past this size stops its generation with an error. `deltaCoalesceMs`: deltas of
   * one part within this window are logged as one event (0: every delta is its own event).
   */
  streams: {
    retentionMs: number;
    checkpointIntervalMs: number;
    leaseMs: number;
    maxReplyBytes: number;
    deltaCoalesceMs: number;
  };
  /** A domain event still unpublished this long after its commit is published by whichever instance sweeps first. */
  events: { orphanAfterMs: number };
  /** `inline` runs the durable jobs in this process; `off` leaves them to `npm run worker` processes. */
  worker: { mode: "inline" | "off"; port: number };
  /** Who writes conversation titles: a model id, the conversation's own model (`conversation`), or nobody (`none`). */
  titles: { kind: "model"; model: string } | { kind: "conversation" } | { kind: "none" };
  /** On SIGTERM, how long running generations (and final writes waiting for the database) may take to finish. */
  shutdown: { graceMs: number };
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
  /** Whether errors in the log keep the conversation text they carry (prompts, provider bodies): for debugging only. */
  logContent: boolean;
  /** A turn with tools makes at most `maxSteps` model calls (each tool round trip is one). */
  tools: { maxSteps: number };
  /** MCP servers: the JSON file naming them (watched), and how long one may take to connect, answer a call, retry. */
  mcp: { configPath?: string; connectTimeoutMs: number; callTimeoutMs: number; retryMs: number };
  /**
   * Plugins: the Git work tree they live in, what reloads them (a new commit, a changed file, or nothing), where
   * committed versions are exported to, and each plugin's limits.
   */
  plugins: {
    dir: string;
    reload: "commit" | "files" | "off";
    cacheDir: string;
    loadTimeoutMs: number;
    callTimeoutMs: number;
    memoryMb: number;
  };
  /** `run_code`: the languages it offers (none: no `run_code`) and each guest's limits. */
  sandbox: SandboxConfig;
  /** Sign-in through an OpenID Connect provider (authorization code with PKCE). */
  oidc?: { issuer: string; clientId: string; clientSecret?: string; scopes: string; name: string };
  /** Bearer JWTs from an identity provider, checked against its JWKS. */
  jwt?: { issuer: string; audience: string; jwksUrl?: string; clockToleranceSeconds: number };
  /** Traces go to `otlpEndpoint` (OTLP over HTTP) when it is set; otherwise telemetry costs nothing. */
  telemetry: { otlpEndpoint?: string; serviceName: string };
  /** When set, `/metrics` answers only `Authorization: Bearer <token>`. */
  metrics: { token?: string };
  automation: {
    /** One attempt of a trigger run may take this long; a killed worker's run is taken over after it. */
    triggerRunTimeoutMs: number;
    /** The first wait before an outbound webhook delivery is retried; it doubles after each failure. */
    webhookRetryBaseMs: number;
  };
  /** The Slack app, when its signing secret, bot token and owning account are set. */
  slack?: { signingSecret: string; botToken: string; model?: string; userEmail: string; apiUrl: string };
  /** Where file bytes live: `DATA_DIR/files`, or an S3 bucket. */
  storage: { kind: "local" } | ({ kind: "s3" } & S3StorageConfig);
  /** Upload limits: one file's size, a user's stored bytes, and how long an upload URL stays valid. */
  files: { maxUploadBytes: number; userQuotaBytes: number; uploadUrlTtlSeconds: number };
  /** The largest body `POST /api/import` takes (every other JSON body stops at 1 MiB). */
  imports: { maxBytes: number };
};

export type S3StorageConfig = {
  bucket: string;
  region: string;
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
};

export type SandboxConfig = {
  languages: ("javascript" | "python")[];
  /** How long one guest may run. */
  timeoutMs: number;
  /** A JavaScript guest's memory (its whole WebAssembly memory) and stack. */
  memoryMb: number;
  stackKb: number;
  /** JavaScript guests run in this many worker threads at once; more wait their turn. */
  workers: number;
  /** A Python guest's process, Pyodide included, is stopped past this resident size. */
  pythonMemoryMb: number;
};

export class ConfigError extends Error {
  readonly issues: string[];
  constructor(issues: string[]) {
    super(`Invalid configuration:\n${issues.map((issue) => `  - ${issue}`).join("\n")}`);
    this.name = "ConfigError";
    this.issues = issues;
  }
}

const MIN_SECRET_LENGTH = 32;

function isAddressOrRange(entry: string): boolean {
  const [address = "", prefix, ...rest] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

function commaList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}

function keyed(apiKey: string | undefined, baseURL: string | undefined): KeyedProviderConfig | undefined {
  return apiKey ? { apiKey, ...(baseURL ? { baseURL } : {}) } : undefined;
}

/**
 * Parses the environment once, reporting every failing variable together, and returns a frozen, nested config.
 * @example loadConfig(process.env)
 */
export function loadConfig(source: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }
  const env = parsed.data;
  const issues: string[] = [];
  if (env.NODE_ENV === "production" && (env.SESSION_SECRET ?? "").length < MIN_SECRET_LENGTH) {
    issues.push(
      `SESSION_SECRET: required in production, at least ${MIN_SECRET_LENGTH} random characters (try: openssl rand -base64 48)`,
    );
  }
  if (env.NODE_ENV === "production" && !env.KEYS_MASTER_KEY) {
    issues.push(`KEYS_MASTER_KEY: required in production; it ${MASTER_KEY_MESSAGE}`);
  }
  if (env.OPENAI_COMPATIBLE_API_KEY && !env.OPENAI_COMPATIBLE_BASE_URL) {
    issues.push("OPENAI_COMPATIBLE_API_KEY: set OPENAI_COMPATIBLE_BASE_URL too");
  }
  if (env.HTTP_HEADERS_TIMEOUT_MS > env.HTTP_REQUEST_TIMEOUT_MS) {
    issues.push("HTTP_HEADERS_TIMEOUT_MS: must not be longer than HTTP_REQUEST_TIMEOUT_MS");
  }
  if (env.STORAGE === "s3" && !env.S3_BUCKET) issues.push("S3_BUCKET: required when STORAGE=s3");
  if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) {
    issues.push("S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: set both, or neither (to use the SDK's default credentials)");
  }
  issues.push(...identityIssues(env));
  issues.push(...slackIssues(env));
  if (issues.length > 0) throw new ConfigError(issues);

  const dataDir = env.DATA_DIR;
  const config: Config = {
    env: env.NODE_ENV,
    http: {
      host: env.HOST,
      port: env.PORT,
      publicUrl: env.PUBLIC_URL,
      corsOrigins: commaList(env.CORS_ORIGINS),
      trustProxy: commaList(env.TRUST_PROXY),
      limits: {
        requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_MS,
        headersTimeoutMs: env.HTTP_HEADERS_TIMEOUT_MS,
        maxConnectionsPerAddress: env.HTTP_MAX_CONNECTIONS_PER_ADDRESS,
      },
      conversationsPageMax: env.CONVERSATIONS_PAGE_MAX,
    },
    dataDir,
    db: env.DATABASE_URL
      ? {
          kind: "postgres",
          url: env.DATABASE_URL,
          caFile: env.DATABASE_CA_FILE,
          pool: { size: env.DATABASE_POOL_SIZE, timeoutMs: env.DATABASE_POOL_TIMEOUT_MS },
        }
      : { kind: "sqlite", path: `${dataDir}/slipstream.db` },
    redis: env.REDIS_URL ? { url: env.REDIS_URL, caFile: env.REDIS_CA_FILE } : undefined,
    auth: {
      sessionSecret: env.SESSION_SECRET,
      sessionTtlMs: env.SESSION_TTL_DAYS * 24 * 60 * 60 * 1000,
      verifiedCache: { ttlMs: env.SESSION_CACHE_TTL_MS, maxEntries: env.SESSION_CACHE_MAX_ENTRIES },
      loginMaxAttempts: env.LOGIN_MAX_ATTEMPTS,
      loginWindowMs: env.LOGIN_WINDOW_SECONDS * 1000,
      adminEmails: new Set(commaList(env.ADMIN_EMAILS).map((email) => email.toLowerCase())),
      allowSignup: env.ALLOW_SIGNUP,
      registrationsPerAddressPerHour: env.REGISTRATIONS_PER_ADDRESS_PER_HOUR,
    },
    providers: {
      openai: keyed(env.OPENAI_API_KEY, env.OPENAI_BASE_URL),
      anthropic: keyed(env.ANTHROPIC_API_KEY, env.ANTHROPIC_BASE_URL),
      google: keyed(env.GOOGLE_GENERATIVE_AI_API_KEY, env.GOOGLE_GENERATIVE_AI_BASE_URL),
      xai: keyed(env.XAI_API_KEY, env.XAI_BASE_URL),
      openaiCompatible: env.OPENAI_COMPATIBLE_BASE_URL
        ? {
            name: env.OPENAI_COMPATIBLE_NAME,
            baseURL: env.OPENAI_COMPATIBLE_BASE_URL,
            apiKey: env.OPENAI_COMPATIBLE_API_KEY,
          }
        : undefined,
      defaultModel: env.DEFAULT_MODEL,
      idleTimeoutMs: env.PROVIDER_IDLE_TIMEOUT_MS,
    },
    keys: {
      masterKey: env.KEYS_MASTER_KEY ? Buffer.from(env.KEYS_MASTER_KEY, "base64") : undefined,
      previousMasterKeys: commaList(env.KEYS_MASTER_KEY_PREVIOUS).map((key) => Buffer.from(key, "base64")),
      allowPrivateBaseUrls: env.ALLOW_PRIVATE_BASE_URLS,
    },
    limits: {
      concurrentGenerations: env.USER_MAX_CONCURRENT_GENERATIONS,
      requestsPerMinute: env.USER_REQUESTS_PER_MINUTE,
      tokensPerDay: env.USER_TOKENS_PER_DAY ?? null,
    },
    realtime: {
      maxFrameBytes: env.WS_MAX_FRAME_BYTES,
      maxFramesPerSecond: env.WS_MAX_FRAMES_PER_SECOND,
      pingIntervalMs: env.WS_PING_INTERVAL_MS,
      maxBufferedBytes: env.WS_MAX_BUFFERED_BYTES,
      maxSocketsPerUser: env.WS_MAX_SOCKETS_PER_USER,
      maxSubscriptionsPerSocket: env.WS_MAX_SUBSCRIPTIONS_PER_SOCKET,
      maxWatchesPerSocket: env.WS_MAX_WATCHES_PER_SOCKET,
    },
    streams: {
      retentionMs: env.STREAM_RETENTION_SECONDS * 1000,
      checkpointIntervalMs: env.CHECKPOINT_INTERVAL_MS,
      leaseMs: env.GENERATION_LEASE_MS,
      maxReplyBytes: env.MAX_REPLY_BYTES,
      deltaCoalesceMs: env.STREAM_DELTA_COALESCE_MS,
    },
    events: { orphanAfterMs: env.EVENT_ORPHAN_AFTER_MS },
    worker: { mode: env.WORKER, port: env.WORKER_PORT },
    titles:
      env.TITLE_MODEL === undefined
        ? { kind: "conversation" }
        : env.TITLE_MODEL === "none"
          ? { kind: "none" }
          : { kind: "model", model: env.TITLE_MODEL },
    shutdown: { graceMs: env.SHUTDOWN_GRACE_MS },
    logLevel: env.LOG_LEVEL,
    logContent: env.LOG_CONTENT,
    tools: { maxSteps: env.MAX_TOOL_STEPS },
    mcp: {
      configPath: env.MCP_CONFIG,
      connectTimeoutMs: env.MCP_CONNECT_TIMEOUT_MS,
      callTimeoutMs: env.MCP_CALL_TIMEOUT_MS,
      retryMs: env.MCP_RETRY_MS,
    },
    plugins: {
      dir: env.PLUGINS_DIR ?? `${dataDir}/plugins`,
      reload: env.PLUGINS_RELOAD,
      cacheDir: `${dataDir}/plugin-versions`,
      loadTimeoutMs: env.PLUGIN_LOAD_TIMEOUT_MS,
      callTimeoutMs: env.PLUGIN_CALL_TIMEOUT_MS,
      memoryMb: env.PLUGIN_MEMORY_MB,
    },
    sandbox: {
      languages: [...new Set(env.SANDBOX_LANGUAGES)],
      timeoutMs: env.SANDBOX_TIMEOUT_MS,
      memoryMb: env.SANDBOX_MEMORY_MB,
      stackKb: env.SANDBOX_STACK_KB,
      workers: env.SANDBOX_WORKERS,
      pythonMemoryMb: env.SANDBOX_PYTHON_MEMORY_MB,
    },
    oidc:
      env.OIDC_ISSUER && env.OIDC_CLIENT_ID
        ? {
            issuer: env.OIDC_ISSUER,
            clientId: env.OIDC_CLIENT_ID,
            clientSecret: env.OIDC_CLIENT_SECRET,
            scopes: env.OIDC_SCOPES,
            name: env.OIDC_NAME,
          }
        : undefined,
    jwt:
      env.AUTH_JWT_ISSUER && env.AUTH_JWT_AUDIENCE
        ? {
            issuer: env.AUTH_JWT_ISSUER,
            audience: env.AUTH_JWT_AUDIENCE,
            jwksUrl: env.AUTH_JWKS_URL,
            clockToleranceSeconds: env.AUTH_JWT_CLOCK_TOLERANCE_SECONDS,
          }
        : undefined,
    telemetry: { otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: env.OTEL_SERVICE_NAME },
    metrics: { token: env.METRICS_TOKEN },
    automation: { triggerRunTimeoutMs: env.TRIGGER_RUN_TIMEOUT_MS, webhookRetryBaseMs: env.WEBHOOK_RETRY_BASE_MS },
    slack:
      env.SLACK_SIGNING_SECRET && env.SLACK_BOT_TOKEN && env.SLACK_USER_EMAIL
        ? {
            signingSecret: env.SLACK_SIGNING_SECRET,
            botToken: env.SLACK_BOT_TOKEN,
            model: env.SLACK_MODEL,
            userEmail: env.SLACK_USER_EMAIL.toLowerCase(),
            apiUrl: env.SLACK_API_URL.endsWith("/") ? env.SLACK_API_URL : `${env.SLACK_API_URL}/`,
          }
        : undefined,
    storage:
      env.STORAGE === "s3"
        ? {
            kind: "s3",
            bucket: env.S3_BUCKET as string,
            region: env.S3_REGION,
            endpoint: env.S3_ENDPOINT,
            accessKeyId: env.S3_ACCESS_KEY_ID,
            secretAccessKey: env.S3_SECRET_ACCESS_KEY,
            forcePathStyle: env.S3_FORCE_PATH_STYLE,
          }
        : { kind: "local" },
    files: {
      maxUploadBytes: env.UPLOAD_MAX_BYTES,
      userQuotaBytes: env.USER_STORAGE_QUOTA_BYTES,
      uploadUrlTtlSeconds: env.UPLOAD_URL_TTL_SECONDS,
    },
    imports: { maxBytes: env.IMPORT_MAX_BYTES },
  };
  return Object.freeze(config);
}

/** The configuration of this process's environment, or a readable list of what is wrong with it and exit code 1. */
export function loadConfigOrExit(source: Record<string, string | undefined>): Config {
  try {
    return loadConfig(source);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
