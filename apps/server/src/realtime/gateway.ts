import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { CLOSE_CODES, WS_PATH } from "@slipstream/protocol";
import type { Logger } from "pino";
import { type WebSocket, WebSocketServer } from "ws";
import { isDomainError } from "../errors.ts";
import { bearerSecret } from "../identity/credentials.ts";
import { createConnection } from "./connection.ts";
import type { RealtimeContext } from "./context.ts";
import { createFrameBudget } from "./frame-budget.ts";
import { isAllowedOrigin } from "./origin.ts";

/** A socket that keeps flooding after this many refused frames is closed. */
const MAX_STRIKES = 20;

function refuse(socket: Duplex, status: number, reason: string) {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** The WebSocket endpoint: checks origin and session on upgrade, then runs one connection per socket. */
export function attachRealtimeGateway({
  server,
  context,
  logger,
  options,
}: {
  server: Server;
  context: RealtimeContext;
  logger: Logger;
  options: {
    maxFrameBytes: number;
    maxFramesPerSecond: number;
    pingIntervalMs: number;
    maxBufferedBytes: number;
    publicUrl?: string;
    corsOrigins: string[];
    /** Sockets one user may hold open on this instance, and what each may follow. */
    maxSocketsPerUser: number;
    maxSubscriptionsPerSocket: number;
    maxWatchesPerSocket: number;
  };
}) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxFrameBytes });
  const alive = new WeakMap<WebSocket, boolean>();
  const socketsByUser = new Map<string, number>();

  // A peer that did not answer the previous ping within a whole interval is gone: drop it and its subscriptions.
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, options.pingIntervalMs);
  heartbeat.unref();

  async function upgrade(request: IncomingMessage, socket: Duplex, head: Buffer) {
    if (new URL(request.url ?? "/", "http://localhost").pathname !== WS_PATH) return refuse(socket, 404, "Not Found");
    // The Origin check keeps other sites' pages from riding a browser's cookie; a bearer token is no such ambient
    // credential (a page cannot put one on a WebSocket), so a script with a token needs no Origin.
    if (!bearerSecret(request.headers) && !isAllowedOrigin(request, options)) return refuse(socket, 403, "Forbidden");
    const authenticated = await context.credentials.resolve(request.headers).catch((error: unknown) => {
      if (isDomainError(error) && error.code === "account_disabled") return "disabled" as const;
      throw error;
    });
    if (authenticated === "disabled") return refuse(socket, 403, "Forbidden");
    if (!authenticated) return refuse(socket, 401, "Unauthorized");
    const { principal } = authenticated;
    const held = socketsByUser.get(principal.userId) ?? 0;
    if (held >= options.maxSocketsPerUser) return refuse(socket, 429, "Too Many Requests");
    socketsByUser.set(principal.userId, held + 1);
    const releaseSocket = () => {
      const left = (socketsByUser.get(principal.userId) ?? 1) - 1;
      if (left > 0) socketsByUser.set(principal.userId, left);
      else socketsByUser.delete(principal.userId);
    };
    socket.once("close", releaseSocket);
    wss.handleUpgrade(request, socket, head, (ws) => {
      const stopWatching = context.revocations.watch({
        principal,
        onRevoked: (reason) =>
          reason === "account_disabled"
            ? ws.close(CLOSE_CODES.accountDisabled, "account disabled")
            : ws.close(CLOSE_CODES.sessionRevoked, "session revoked"),
      });
      alive.set(ws, true);
      ws.on("pong", () => alive.set(ws, true));
      const connection = createConnection({
        socket: ws,
        principal,
        context,
        logger,
        maxBufferedBytes: options.maxBufferedBytes,
        caps: { maxSubscriptions: options.maxSubscriptionsPerSocket, maxWatches: options.maxWatchesPerSocket },
      });
      const budget = createFrameBudget({ perSecond: options.maxFramesPerSecond });
      ws.on("message", (data, isBinary) => {
        if (!budget.take()) {
          if (budget.strikes > MAX_STRIKES) return ws.close(CLOSE_CODES.policyViolation, "too many frames");
          return connection.sendError("rate_limited", "Too many frames; slow down.");
        }
        if (isBinary) return connection.sendError("invalid_frame", "Send JSON text frames.");
        const text = data.toString();
        void (context.traceFrame ? context.traceFrame(() => connection.receive(text)) : connection.receive(text));
      });
      ws.on("close", () => {
        stopWatching();
        connection.close();
      });
      ws.on("error", (error) => logger.debug({ err: error }, "websocket error"));
    });
  }

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    upgrade(request, socket, head).catch((error: unknown) => {
      logger.error({ err: error }, "websocket upgrade failed");
      // The store being away (the session cannot be looked up) is an outage, not a fault of this server.
      if (isDomainError(error) && error.code === "unavailable") refuse(socket, 503, "Service Unavailable");
      else refuse(socket, 500, "Internal Server Error");
    });
  };
  server.on("upgrade", onUpgrade);

  return {
    get connectionCount() {
      return wss.clients.size;
    },
    /** Closes every socket with 1001 (going away), so clients reconnect elsewhere. */
    close() {
      clearInterval(heartbeat);
      server.off("upgrade", onUpgrade);
      for (const ws of wss.clients) ws.close(CLOSE_CODES.goingAway, "server shutting down");
      wss.close();
    },
  };
}
export type RealtimeGateway = ReturnType<typeof attachRealtimeGateway>;
