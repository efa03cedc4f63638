import { createHash } from "node:crypto";
import { createMCPClient, type MCPClient, MCPClientError } from "@ai-sdk/mcp";
import { StdioMCPTransport } from "@ai-sdk/mcp/mcp-stdio";
import type { McpServerStatus } from "@slipstream/protocol";
import type { Logger } from "pino";
import { withDeadline } from "../tools/deadline.ts";
import type { ToolDescriptor, ToolProvider } from "../tools/types.ts";
import { fillHeaders, type McpServerSettings, secretNamesOf } from "./mcp-config.ts";
import { describeMcpTools, readMcpResult } from "./mcp-tools.ts";
import { stdioEnvironment } from "./stdio-environment.ts";

/** Connections of users with their own secrets in the headers, kept open for their next calls. */
const MAX_USER_CLIENTS = 100;

export type McpServerOptions = {
  settings: McpServerSettings;
  connectTimeoutMs: number;
  callTimeoutMs: number;
  /** After a failure, the next connection attempt waits this long. */
  retryMs: number;
  /** The calling user's secrets of these names, for `{{user.secret.NAME}}` in headers. */
  revealSecrets: (input: { userId: string; names: readonly string[] }) => Promise<Map<string, string>>;
  logger: Logger;
};

export type McpServer = ToolProvider & {
  readonly name: string;
  /** Connects (again) now; resolves once it answered or failed, never later than the connect timeout. */
  connect(): Promise<void>;
  describe(): McpServerStatus;
  close(): Promise<void>;
};

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A JSON-RPC error from the server (bad arguments, unknown tool): the call failed, the server works. */
const isApplicationError = (error: unknown) => MCPClientError.isInstance(error) && typeof error.code === "number";

/**
 * One MCP server of MCP_CONFIG as a tool source. It lists its tools once connected and serves them from memory,
 * so building a turn's tools never waits on it; a server that does not answer in time, or whose connection
 * drops, is marked `error`, lists no tools until a retry reconnects it, and fails its calls at once.
 */
export function createMcpServer(options: McpServerOptions): McpServer {
  const { settings, connectTimeoutMs, callTimeoutMs, retryMs, logger } = options;
  const source = `mcp:${settings.name}` as const;
  const secretNames = settings.transport === "http" ? secretNamesOf(settings.headers) : [];
  let state: McpServerStatus["state"] = "connecting";
  let error: string | null = null;
  let tools: (ToolDescriptor & { mcpName: string })[] = [];
  let shared: MCPClient | undefined;
  const userClients = new Map<string, Promise<MCPClient>>();
  let attempt = 0;
  let retry: NodeJS.Timeout | undefined;
  let closed = false;

  const closeQuietly = (client: Promise<MCPClient> | MCPClient | undefined) =>
    Promise.resolve(client)
      .then((open) => open?.close())
      .catch((cause: unknown) => logger.debug({ err: cause, server: settings.name }, "closing an MCP client failed"));

  async function open(headers?: Record<string, string>): Promise<MCPClient> {
    const controller = new AbortController();
    const pending = createMCPClient({
      clientName: "slipstream",
      transport:
        settings.transport === "stdio"
          ? new StdioMCPTransport({
              command: settings.command,
              args: settings.args,
              env: stdioEnvironment(settings.env),
              cwd: settings.cwd,
              stderr: "ignore",
            })
          : { type: "http", url: settings.url, headers: headers ?? fillHeaders(settings.headers) },
      initializationOptions: { signal: controller.signal },
      onUncaughtError: (cause) => logger.debug({ err: cause, server: settings.name }, "MCP server error"),
    });
    try {
      return await withDeadline(pending, {
        ms: connectTimeoutMs,
        message: `did not answer within ${connectTimeoutMs} ms`,
        onTimeout: () => controller.abort(),
      });
    } catch (cause) {
      void closeQuietly(pending);
      throw cause;
    }
  }

  function dropClients() {
    void closeQuietly(shared);
    shared = undefined;
    for (const client of userClients.values()) void closeQuietly(client);
    userClients.clear();
  }

  function fail(reason: string) {
    state = "error";
    error = reason;
    dropClients();
    logger.warn({ server: settings.name, reason }, "MCP server unavailable; its tools are skipped until it answers");
    clearTimeout(retry);
    if (!closed) retry = setTimeout(() => void connect(), retryMs).unref();
  }

  async function connect() {
    const current = ++attempt;
    clearTimeout(retry);
    dropClients();
    state = "connecting";
    try {
      const client = await open();
      const listed = await withDeadline(client.listTools(), {
        ms: connectTimeoutMs,
        message: `did not list its tools within ${connectTimeoutMs} ms`,
      }).catch(async (cause: unknown) => {
        await closeQuietly(client);
        throw cause;
      });
      if (closed || current !== attempt) {
        await closeQuietly(client);
        return;
      }
      shared = client;
      tools = describeMcpTools(settings.name, listed.tools);
      state = "ready";
      error = null;
    } catch (cause) {
      if (!closed && current === attempt) fail(messageOf(cause));
    }
  }

  async function clientFor(userId: string): Promise<MCPClient> {
    if (secretNames.length === 0 || settings.transport !== "http") {
      if (!shared) throw new Error(`The MCP server ${settings.name} is not connected.`);
      return shared;
    }
    const headers = fillHeaders(settings.headers, await options.revealSecrets({ userId, names: secretNames }));
    // Keyed by the filled headers too, so that a user who changes a secret gets a connection that uses it.
    const key = `${userId}:${createHash("sha256").update(JSON.stringify(headers)).digest("base64url")}`;
    let client = userClients.get(key);
    if (!client) {
      client = open(headers);
      client.catch(() => userClients.delete(key));
      userClients.set(key, client);
      const oldest = userClients.keys().next().value;
      if (userClients.size > MAX_USER_CLIENTS && oldest !== undefined) {
        void closeQuietly(userClients.get(oldest));
        userClients.delete(oldest);
      }
    }
    return client;
  }

  return {
    name: settings.name,
    source,
    connect,
    list: async () => (state === "ready" ? tools : []),
    async execute({ tool, input, context }) {
      if (state !== "ready") {
        throw new Error(`The MCP server ${settings.name} is unavailable (${error ?? "connecting"}).`);
      }
      const mcpName = tools.find((known) => known.id === tool.id)?.mcpName ?? tool.name;
      const client = await clientFor(context.principal.userId);
      const controller = new AbortController();
      const signal = AbortSignal.any([context.signal, controller.signal]);
      let result: Awaited<ReturnType<MCPClient["callTool"]>>;
      try {
        result = await withDeadline(
          client.callTool({ name: mcpName, arguments: (input ?? {}) as Record<string, unknown>, options: { signal } }),
          {
            ms: callTimeoutMs,
            message: `The MCP server ${settings.name} did not answer within ${callTimeoutMs} ms.`,
            onTimeout: () => controller.abort(),
          },
        );
      } catch (cause) {
        if (!context.signal.aborted && !isApplicationError(cause)) fail(messageOf(cause));
        throw cause;
      }
      return readMcpResult(result);
    },
    status: () => ({ state, error }),
    describe: () => ({
      name: settings.name,
      transport: settings.transport,
      state,
      error,
      tools: tools.map(({ id, name, description, source: from }) => ({ id, name, description, source: from })),
    }),
    async close() {
      closed = true;
      clearTimeout(retry);
      const closing = [shared, ...userClients.values()];
      shared = undefined;
      userClients.clear();
      await Promise.all(closing.map(closeQuietly));
    },
  };
}
