import { idSchema, type StreamGonePart } from "@slipstream/protocol";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { isDomainError, StreamGoneError } from "../../errors.ts";
import type { HttpContext } from "../context.ts";
import { createSseWriter, sseEvent } from "../sse-writer.ts";
import { parseInput } from "../validate.ts";

const KEEPALIVE_MS = 15_000;
const streamParamsSchema = z.object({ streamId: idSchema });
const offsetSchema = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const streamQuerySchema = z.object({ after: offsetSchema.optional() });

export function registerStreamRoutes(
  app: FastifyInstance,
  { messages, principals, revocations, metrics }: HttpContext,
) {
  app.get("/api/streams/:streamId", async (request, reply) => {
    const principal = await principals.require(request);
    const { streamId } = parseInput(streamParamsSchema, request.params);
    const lastEventId = request.headers["last-event-id"];
    const after =
      lastEventId !== undefined
        ? parseInput(offsetSchema, lastEventId)
        : (parseInput(streamQuerySchema, request.query).after ?? 0);

    const closed = new AbortController();
    request.raw.on("close", () => closed.abort());
    // Signing out or being disabled elsewhere ends this response, as it closes sockets; the client's retry gets 401.
    const stopWatching = revocations.watch({ principal, onRevoked: () => closed.abort() });
    request.raw.on("close", stopWatching);
    const events = await messages.openStream({ principal, streamId, after, signal: closed.signal });

    if (after > 0) metrics.resumes.inc({ transport: "sse" });
    reply.hijack();
    const out = reply.raw;
    out.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
      "x-vercel-ai-ui-message-stream": "v1",
    });
    out.flushHeaders();
    const keepalive = setInterval(() => out.write(": keepalive\n\n"), KEEPALIVE_MS);
    const sent = metrics.eventsStreamed.labels({ transport: "sse" });
    const writer = createSseWriter(out, closed.signal);
    let last = "";
    try {
      // A client that reads slowly holds the reader here, not its events in memory: the log keeps them.
      for await (const event of events) {
        await writer.write(sseEvent(event));
        sent.inc();
      }
      if (!closed.signal.aborted) last = "data: [DONE]\n\n";
    } catch (error) {
      if (closed.signal.aborted) return;
      if (error instanceof StreamGoneError) {
        // A log lost under its reader will not come back: say where the saved reply is, and end without [DONE].
        request.log.warn({ err: error, streamId }, "stream log lost; the follower was told where the reply is");
        const { messageId, conversationId } = error;
        const gone: StreamGonePart = {
          type: "data-stream-gone",
          transient: true,
          data: { streamId, messageId, conversationId },
        };
        last = `data: ${JSON.stringify(gone)}\n\n`;
        return;
      }
      // Removed from the conversation (or it was deleted) while following: the client's retry is answered 404.
      if (isDomainError(error)) return;
      // Ending without [DONE] tells the client to reconnect with Last-Event-ID and resume where it was.
      request.log.error({ err: error, streamId }, "stream read failed");
    } finally {
      clearInterval(keepalive);
      writer.end(last);
    }
  });

  app.post("/api/streams/:streamId/cancel", async (request, reply) => {
    const principal = await principals.require(request);
    const { streamId } = parseInput(streamParamsSchema, request.params);
    await messages.cancelStream({ principal, streamId });
    return reply.status(202).send({ status: "cancelling" });
  });
}
