import type { z } from "zod";
import { envSchema } from "./config.ts";

type Variable = keyof typeof envSchema.shape;
type Entry = { section: Section; text: string };

const SECTIONS = [
  "Server",
  "Stores and engines",
  "Accounts and sessions",
  "Single sign-on (OIDC)",
  "Bearer JWTs",
  "Providers",
  "Keys, limits and usage",
  "Realtime",
  "Generations and streams",
  "Jobs and the worker",
  "Automation: triggers, webhooks and Slack",
  "Tools and the code sandbox",
  "Files and storage",
  "MCP servers and plugins",
  "Telemetry and metrics",
] as const;
type Section = (typeof SECTIONS)[number];

/**
 * What each variable of `config.ts` means, for the generated docs/configuration.md. Keyed by variable, so a
 * variable added to the schema without a line here fails `config-reference.test.ts` (and so does a stale line).
 */
export const VARIABLE_DESCRIPTIONS: Record<Variable, Entry> = {
  NODE_ENV: {
    section: "Server",
    text: "`production` refuses to start without strong secrets and never pretty-prints logs.",
  },
  PORT: { section: "Server", text: "HTTP, SSE and WebSocket port." },
  HOST: { section: "Server", text: "Bind address; `0.0.0.0` in containers." },
  DATA_DIR: { section: "Server", text: "The SQLite database, local files and generated secrets." },
  PUBLIC_URL: {
    section: "Server",
    text: "The address users reach (behind a proxy or balancer): the WebSocket origin check, `Secure` cookies and the OIDC callback use it.",
  },
  CORS_ORIGINS: { section: "Server", text: "Comma-separated extra origins allowed to open the WebSocket." },
  LOG_LEVEL: {
    section: "Server",
    text: "Pino log level. Logs are JSON lines, pretty-printed only in development on a terminal.",
  },
  LOG_CONTENT: {
    section: "Server",
    text: "`true` keeps the conversation text that provider errors carry (the prompt, the provider's body) in the log, for debugging; by default it is omitted.",
  },
  DATABASE_URL: {
    section: "Stores and engines",
    text: "`postgres://…` switches the store to Postgres (add `?sslmode=verify-full` for TLS).",
  },
  DATABASE_CA_FILE: {
    section: "Stores and engines",
    text: "PEM file of the CA that signed the Postgres server's certificate; the certificate and host name are verified.",
  },
  DATABASE_POOL_SIZE: {
    section: "Stores and engines",
    text: "Connections each instance keeps to Postgres at most; queries beyond them wait for one to be free.",
  },
  DATABASE_POOL_TIMEOUT_MS: {
    section: "Stores and engines",
    text:
      "How long a query waits for a Postgres connection (all of them busy, or the server not answering a new one) " +
      "before it fails with 503 `unavailable`. Under a burst, waiting is better than refusing.",
  },
  REDIS_URL: {
    section: "Stores and engines",
    text: "`redis://…` or `rediss://…` (TLS) switches the bus, stream logs and limits to Redis.",
  },
  REDIS_CA_FILE: {
    section: "Stores and engines",
    text: "PEM file of the CA that signed a `rediss://` server's certificate.",
  },
  SESSION_SECRET: {
    section: "Accounts and sessions",
    text: "Signs session cookies (32+ characters). Generated once into `DATA_DIR` when unset; required in production.",
  },
  SESSION_TTL_DAYS: { section: "Accounts and sessions", text: "How long a session lasts." },
  SESSION_CACHE_TTL_MS: {
    section: "Accounts and sessions",
    text: "How long an instance keeps a verified session cookie or API token before reading it again (0 turns the cache off). A sign-out, a revoked token or a disabled account drops it on every instance at once, through the bus.",
  },
  SESSION_CACHE_MAX_ENTRIES: {
    section: "Accounts and sessions",
    text: "The most verified sessions and API tokens one instance keeps; the oldest go first.",
  },
  ADMIN_EMAILS: {
    section: "Accounts and sessions",
    text: "Comma-separated emails made admins when they register or sign in.",
  },
  LOGIN_MAX_ATTEMPTS: {
    section: "Accounts and sessions",
    text: "Wrong passwords (sign-in, or the current password of a password change) allowed per account and client address together per window, ten times as many per address over all accounts; past it that pair waits (429, `Retry-After`), nobody else does.",
  },
  LOGIN_WINDOW_SECONDS: { section: "Accounts and sessions", text: "The window of `LOGIN_MAX_ATTEMPTS`." },
  REGISTRATIONS_PER_ADDRESS_PER_HOUR: {
    section: "Accounts and sessions",
    text: "New accounts one client address may register in an hour; past it, 429 with `Retry-After`.",
  },
  TRUST_PROXY: {
    section: "Server",
    text: "Comma-separated addresses or CIDR ranges of your reverse proxies or load balancers: only their `X-Forwarded-For` is believed for the client address (sign-in throttling, connection caps). Empty: the socket's address.",
  },
  HTTP_REQUEST_TIMEOUT_MS: {
    section: "Server",
    text: "How long a client may take to send a whole request, body included; a slower one is answered 408 and closed.",
  },
  HTTP_HEADERS_TIMEOUT_MS: {
    section: "Server",
    text: "How long a client may take to send a request's headers (at most `HTTP_REQUEST_TIMEOUT_MS`).",
  },
  HTTP_MAX_CONNECTIONS_PER_ADDRESS: {
    section: "Server",
    text: "Open connections (WebSockets and event streams included) one client address may hold; more get a 429 and are closed. Proxies in `TRUST_PROXY` are exempt.",
  },
  CONVERSATIONS_PAGE_MAX: {
    section: "Server",
    text: "The most conversations one page of `GET /api/conversations` holds, and its default `limit`.",
  },
  ALLOW_SIGNUP: {
    section: "Accounts and sessions",
    text: "`false` closes `POST /api/auth/register` (but for `ADMIN_EMAILS`); administrators add accounts with `POST /api/admin/users`.",
  },
  OIDC_ISSUER: {
    section: "Single sign-on (OIDC)",
    text: "The OpenID Connect provider (its discovery document is `<issuer>/.well-known/openid-configuration`); `https://` except on a loopback address.",
  },
  OIDC_CLIENT_ID: {
    section: "Single sign-on (OIDC)",
    text: "This app's client id at the provider; required with `OIDC_ISSUER`.",
  },
  OIDC_CLIENT_SECRET: {
    section: "Single sign-on (OIDC)",
    text: "Its client secret (`client_secret_post`); leave unset for a public client.",
  },
  OIDC_SCOPES: { section: "Single sign-on (OIDC)", text: "Scopes asked for." },
  OIDC_NAME: { section: "Single sign-on (OIDC)", text: "The sign-in button's label: “Continue with <name>”." },
  AUTH_JWT_ISSUER: {
    section: "Bearer JWTs",
    text: "Accept `Authorization: Bearer <JWT>` issued by it (its `iss`); `https://` except on a loopback address.",
  },
  AUTH_JWT_AUDIENCE: { section: "Bearer JWTs", text: "The `aud` a JWT must carry; required with `AUTH_JWT_ISSUER`." },
  AUTH_JWKS_URL: {
    section: "Bearer JWTs",
    text: "The issuer's key set; by default the `jwks_uri` of its discovery document.",
  },
  AUTH_JWT_CLOCK_TOLERANCE_SECONDS: {
    section: "Bearer JWTs",
    text: "Clock skew allowed on `exp` and `nbf` (at most 300).",
  },
  OPENAI_API_KEY: { section: "Providers", text: "Enables OpenAI." },
  OPENAI_BASE_URL: { section: "Providers", text: "Another address for OpenAI's API." },
  ANTHROPIC_API_KEY: { section: "Providers", text: "Enables Anthropic." },
  ANTHROPIC_BASE_URL: { section: "Providers", text: "Another address for Anthropic's API." },
  GOOGLE_GENERATIVE_AI_API_KEY: { section: "Providers", text: "Enables Google (Gemini)." },
  GOOGLE_GENERATIVE_AI_BASE_URL: { section: "Providers", text: "Another address for Google's API." },
  XAI_API_KEY: { section: "Providers", text: "Enables xAI." },
  XAI_BASE_URL: { section: "Providers", text: "Another address for xAI's API." },
  OPENAI_COMPATIBLE_BASE_URL: {
    section: "Providers",
    text: "An OpenAI-compatible server (Ollama, vLLM, llama.cpp, LM Studio); its models come from `GET {base}/models`.",
  },
  OPENAI_COMPATIBLE_API_KEY: { section: "Providers", text: "Bearer key for it, if it needs one." },
  OPENAI_COMPATIBLE_NAME: { section: "Providers", text: "The provider part of its model ids." },
  DEFAULT_MODEL: {
    section: "Providers",
    text: "Model of new conversations; by default the first configured provider's first model, else `demo/echo`.",
  },
  PROVIDER_IDLE_TIMEOUT_MS: {
    section: "Providers",
    text: "A generation that receives nothing from its provider for this long ends with an error.",
  },
  WS_MAX_FRAME_BYTES: { section: "Realtime", text: "Largest inbound WebSocket frame." },
  WS_PING_INTERVAL_MS: { section: "Realtime", text: "Heartbeat; a socket that misses a whole interval is dropped." },
  WS_MAX_FRAMES_PER_SECOND: { section: "Realtime", text: "Inbound frames allowed per socket per second." },
  WS_MAX_BUFFERED_BYTES: {
    section: "Realtime",
    text: "Outbound bytes a slow socket may hold before its streams pause.",
  },
  WS_MAX_SOCKETS_PER_USER: {
    section: "Realtime",
    text: "WebSockets one user may hold open on one instance; the next upgrade is refused with 429.",
  },
  WS_MAX_SUBSCRIPTIONS_PER_SOCKET: {
    section: "Realtime",
    text: "Streams one WebSocket may follow at once; one more `subscribe` gets an `error` frame `limit_exceeded`.",
  },
  WS_MAX_WATCHES_PER_SOCKET: {
    section: "Realtime",
    text: "Conversations one WebSocket may watch at once; one more `watch` gets an `error` frame `limit_exceeded`.",
  },
  CHECKPOINT_INTERVAL_MS: {
    section: "Generations and streams",
    text: "How often a running reply's partial text is saved.",
  },
  STREAM_DELTA_COALESCE_MS: {
    section: "Generations and streams",
    text: "Text and reasoning deltas of one part that come within this many milliseconds are sent as one event, so followers get fewer events for the same text; the first delta of each part is always sent at once. `0` sends every delta.",
  },
  GENERATION_LEASE_MS: {
    section: "Generations and streams",
    text: "A streaming reply not written for this long is taken for lost (its instance died) and marked `interrupted`.",
  },
  STREAM_RETENTION_SECONDS: {
    section: "Generations and streams",
    text: "How long a finished generation's event log stays readable.",
  },
  MAX_REPLY_BYTES: {
    section: "Generations and streams",
    text: "The most text (answer, reasoning, tool input) one reply may hold; past it the generation stops, the reply keeps what came before with status `error` and a message naming the limit.",
  },
  KEYS_MASTER_KEY: {
    section: "Keys, limits and usage",
    text: "Base64 of 32 random bytes (`openssl rand -base64 32`) that wraps users' provider keys and secrets; generated once into `DATA_DIR` when unset, required in production, the same on every instance.",
  },
  KEYS_MASTER_KEY_PREVIOUS: {
    section: "Keys, limits and usage",
    text: "Comma-separated older master keys, still readable; `npm run keys:rotate` rewraps everything under `KEYS_MASTER_KEY`, then drop them.",
  },
  ALLOW_PRIVATE_BASE_URLS: {
    section: "Keys, limits and usage",
    text: "`true` lets users' and admins' base URLs reach loopback, private and link-local addresses (a local Ollama).",
  },
  USER_MAX_CONCURRENT_GENERATIONS: {
    section: "Keys, limits and usage",
    text: "Replies one user may have generating at once, across every instance (`0` refuses every send).",
  },
  USER_REQUESTS_PER_MINUTE: {
    section: "Keys, limits and usage",
    text: "Sends and `/v1` completions per user per minute (`0` refuses every send).",
  },
  USER_TOKENS_PER_DAY: {
    section: "Keys, limits and usage",
    text: "Input and output tokens per user per UTC day (unset: unlimited).",
  },
  STORAGE: {
    section: "Files and storage",
    text: "`local` keeps file bytes under `DATA_DIR/files`; `s3` keeps them in `S3_BUCKET` (uploads and downloads then go straight to S3 by presigned URLs).",
  },
  S3_BUCKET: { section: "Files and storage", text: "The bucket of `STORAGE=s3`; it must exist." },
  S3_REGION: { section: "Files and storage", text: "The bucket's region." },
  S3_ENDPOINT: {
    section: "Files and storage",
    text: "An S3-compatible service's URL (MinIO, R2, …); unset means AWS. Clients must reach it too: they upload to it.",
  },
  S3_ACCESS_KEY_ID: {
    section: "Files and storage",
    text: "With `S3_SECRET_ACCESS_KEY`, the storage credentials; unset, the AWS SDK's default chain (instance roles, `AWS_*`).",
  },
  S3_SECRET_ACCESS_KEY: { section: "Files and storage", text: "The secret of `S3_ACCESS_KEY_ID`." },
  S3_FORCE_PATH_STYLE: {
    section: "Files and storage",
    text: "`true` addresses the bucket in the path (`endpoint/bucket/key`), as MinIO and most S3-compatible servers want.",
  },
  UPLOAD_MAX_BYTES: { section: "Files and storage", text: "The largest file a user may upload (default 20 MiB)." },
  USER_STORAGE_QUOTA_BYTES: {
    section: "Files and storage",
    text: "The bytes one user's files may take in all, uploads in progress included (default 1 GiB; 0 refuses every upload).",
  },
  UPLOAD_URL_TTL_SECONDS: {
    section: "Files and storage",
    text: "How long an upload URL stays valid; an upload not completed by then is removed by the `files.sweep` job.",
  },
  IMPORT_MAX_BYTES: {
    section: "Files and storage",
    text: "The largest file `POST /api/import` takes (a Slipstream export or ChatGPT's `conversations.json`; default 50 MiB); every other JSON body stops at 1 MiB.",
  },
  EVENT_ORPHAN_AFTER_MS: {
    section: "Generations and streams",
    text: "A domain event still unpublished this long after its commit (its instance died) is published by whichever instance sweeps first.",
  },
  SHUTDOWN_GRACE_MS: {
    section: "Server",
    text: "On SIGTERM, how long running generations, jobs and final writes waiting for the database may take.",
  },
  WORKER: {
    section: "Jobs and the worker",
    text: "`inline` runs the durable jobs (titles, the stale-reply sweep, session purges) in the server; `off` leaves them to `npm run worker`.",
  },
  WORKER_PORT: {
    section: "Jobs and the worker",
    text: "Where `npm run worker` answers `/healthz`, `/readyz` and `/metrics`.",
  },
  TITLE_MODEL: {
    section: "Jobs and the worker",
    text: "The model that titles a conversation from its first exchange (unset: the conversation's own model); `none` keeps the first words of the first message.",
  },
  TRIGGER_RUN_TIMEOUT_MS: {
    section: "Automation: triggers, webhooks and Slack",
    text: "How long one trigger run (its whole reply) may take; the run of a worker killed mid-reply is taken over by another after this.",
  },
  WEBHOOK_RETRY_BASE_MS: {
    section: "Automation: triggers, webhooks and Slack",
    text: "The wait before an outbound webhook delivery is first retried; it doubles after each failure, at most an hour apart, for 24 hours.",
  },
  SLACK_SIGNING_SECRET: {
    section: "Automation: triggers, webhooks and Slack",
    text: "The Slack app's signing secret: `POST /integrations/slack/events` checks every request's `x-slack-signature` with it. With `SLACK_BOT_TOKEN` and `SLACK_USER_EMAIL`, turns the Slack app on.",
  },
  SLACK_BOT_TOKEN: {
    section: "Automation: triggers, webhooks and Slack",
    text: "The bot token (`xoxb-…`) answers are posted with (`chat.postMessage`, `chat.update`).",
  },
  SLACK_USER_EMAIL: {
    section: "Automation: triggers, webhooks and Slack",
    text: "The account Slack conversations belong to: its keys, limits and models serve them, and it sees them in its list.",
  },
  SLACK_MODEL: {
    section: "Automation: triggers, webhooks and Slack",
    text: "The model that answers in Slack (unset: that account's default model).",
  },
  SLACK_API_URL: {
    section: "Automation: triggers, webhooks and Slack",
    text: "Slack's Web API base URL; tests point it at a fake Slack on loopback.",
  },
  MAX_TOOL_STEPS: {
    section: "Tools and the code sandbox",
    text: "The most model calls of one turn with tools; each tool round trip is one.",
  },
  SANDBOX_LANGUAGES: {
    section: "Tools and the code sandbox",
    text: "Comma-separated languages `run_code` offers: `javascript`, `python` (Pyodide in a child process, a few seconds of CPU to start), or `none`.",
  },
  MCP_CONFIG: {
    section: "MCP servers and plugins",
    text: 'A JSON file `{"mcpServers": {name: {command, args, env} | {url, headers}}}`, watched and reloaded on change. Stdio servers get only their `env`; header values may hold `{{user.secret.NAME}}`, filled from the calling user\'s secrets.',
  },
  MCP_CONNECT_TIMEOUT_MS: {
    section: "MCP servers and plugins",
    text: "How long an MCP server may take to connect and list its tools before it is marked `error` and skipped.",
  },
  MCP_CALL_TIMEOUT_MS: {
    section: "MCP servers and plugins",
    text: "How long one MCP tool call may take; past it the call fails and the server is marked `error` until it reconnects.",
  },
  MCP_RETRY_MS: {
    section: "MCP servers and plugins",
    text: "How long after a failure an MCP server is connected again.",
  },
  PLUGINS_DIR: {
    section: "MCP servers and plugins",
    text: "The Git work tree of plugins (default `DATA_DIR/plugins`): a folder per plugin with `plugin.json` and its ES module.",
  },
  PLUGINS_RELOAD: {
    section: "MCP servers and plugins",
    text: "`commit`: plugins load from the HEAD commit and reload when a commit touches them; `files`: from the files as they are, reloading on every change (development); `off`: once at start.",
  },
  PLUGIN_LOAD_TIMEOUT_MS: {
    section: "MCP servers and plugins",
    text: "How long a plugin's module may take to load in its worker before it is stopped and marked `error`.",
  },
  PLUGIN_CALL_TIMEOUT_MS: {
    section: "MCP servers and plugins",
    text: "How long one plugin tool call may take; past it the plugin's worker is stopped and the plugin marked `error` until its next version.",
  },
  PLUGIN_MEMORY_MB: {
    section: "MCP servers and plugins",
    text: "Each plugin worker's heap; a plugin that needs more is stopped and marked `error`.",
  },
  SANDBOX_TIMEOUT_MS: { section: "Tools and the code sandbox", text: "How long one `run_code` guest may run." },
  SANDBOX_MEMORY_MB: {
    section: "Tools and the code sandbox",
    text: "A JavaScript guest's whole WebAssembly memory.",
  },
  SANDBOX_STACK_KB: { section: "Tools and the code sandbox", text: "A JavaScript guest's stack." },
  SANDBOX_WORKERS: {
    section: "Tools and the code sandbox",
    text: "Guests running at once per language; more wait their turn.",
  },
  SANDBOX_PYTHON_MEMORY_MB: {
    section: "Tools and the code sandbox",
    text: "A Python guest's process, Pyodide included, is stopped past this resident size (Linux).",
  },
  OTEL_EXPORTER_OTLP_ENDPOINT: {
    section: "Telemetry and metrics",
    text: "Turns on OpenTelemetry traces, sent as OTLP over HTTP to `<endpoint>/v1/traces`. Unset: no tracing code is loaded.",
  },
  OTEL_SERVICE_NAME: { section: "Telemetry and metrics", text: "The `service.name` of the traces." },
  METRICS_TOKEN: {
    section: "Telemetry and metrics",
    text: "When set, `/metrics` answers only `Authorization: Bearer <token>`.",
  },
};

/** The default a variable's schema declares, as the docs show it. */
function defaultOf(schema: z.ZodType): string {
  const def = schema.def as { type: string; defaultValue?: unknown };
  if (def.type !== "default") return "unset";
  return `\`${String(def.defaultValue)}\``;
}

function valuesOf(schema: z.ZodType): string | undefined {
  const def = schema.def as { type: string; innerType?: z.ZodType };
  const inner = def.type === "default" ? def.innerType : schema;
  const options = (inner as { options?: unknown[] } | undefined)?.options;
  return Array.isArray(options) ? options.map((option) => `\`${String(option)}\``).join(", ") : undefined;
}

/** docs/configuration.md, generated from the schema and the descriptions: `npm run docs:config` writes it. */
export function renderConfigurationReference(): string {
  const shape = envSchema.shape as Record<Variable, z.ZodType>;
  const variables = Object.keys(shape) as Variable[];
  const sections = SECTIONS.map((section) => {
    const rows = variables
      .filter((name) => VARIABLE_DESCRIPTIONS[name].section === section)
      .map((name) => {
        const values = valuesOf(shape[name]);
        const text = values
          ? `${VARIABLE_DESCRIPTIONS[name].text} One of ${values}.`
          : VARIABLE_DESCRIPTIONS[name].text;
        return `| \`${name}\` | ${defaultOf(shape[name])} | ${text} |`;
      });
    return [`## ${section}`, "", "| variable | default | meaning |", "| --- | --- | --- |", ...rows].join("\n");
  });
  return [
    "# Configuration reference",
    "",
    "<!-- Generated from apps/server/src/config.ts by `npm run docs:config`; a test fails when it is stale. -->",
    "",
    "Every setting is an environment variable, read once at start (`apps/server/src/config.ts`). Every invalid",
    "variable is reported at once, and the server does not start. An empty value counts as unset.",
    "",
    ...sections.flatMap((section) => [section, ""]),
  ].join("\n");
}
