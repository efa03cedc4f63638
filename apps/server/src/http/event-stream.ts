import type { StreamEvent } from "@slipstream/protocol";
import type { FastifyReply, FastifyRequest } from "fastify";
import { isDomainError } from "../errors.ts";
import type { Principal } from "../identity/principal.ts";
import type { Metrics } from "../metrics/index.ts";
import type { HttpContext } from "./context.ts";
import { createSseWriter, sseEvent } from "./sse-writer.ts";

const KEEPALIVE_MS = 15_000;

/**
 * Writes stream events as the AI SDK's UI message stream over SSE (`id: <seq>`, `data: <part>`, then
 * `data: [DONE]`), waiting for `drain` instead of buffering. Closing the response stops the reading, never the
 * generation.
 */
export async function writeEventStream({
  request,
  reply,
  events,
  closed,
  metrics,
  headers = {},
}: {
  request: FastifyRequest;
  reply: FastifyReply;
  events: AsyncIterable<StreamEvent>;
  closed: AbortSignal;
  metrics: Pick<Metrics, "eventsStreamed">;
  headers?: Record<string, string>;
}) {
  reply.hijack();
  const out = reply.raw;
  out.writeHead(200, {
    ...headers,
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache, no-transform",
    connection: "keep-alive",
    "x-accel-buffering": "no",
    "x-vercel-ai-ui-message-stream": "v1",
  });
  out.flushHeaders();
  const keepalive = setInterval(() => out.write(": keepalive\n\n"), KEEPALIVE_MS);
  const sent = metrics.eventsStreamed.labels({ transport: "sse" });
  const writer = createSseWriter(out, closed);
  let last = "";
  try {
    for await (const event of events) {
      await writer.write(sseEvent(event));
      sent.inc();
    }
    if (!closed.aborted) last = "data: [DONE]\n\n";
  } catch (error) {
    // A sender removed from the conversation meanwhile is not a failure of ours.
    if (!closed.aborted && !isDomainError(error)) request.log.error({ err: error }, "stream read failed");
  } finally {
    clearInterval(keepalive);
    writer.end(last);
  }
}

/**
 * Streams a generation's log from its start in this response (`POST /api/chat`, a send with `Accept:
 * text/event-stream`): `open` gives the events, until the signal aborts. The response reads the log, never the
 * generation: signing out elsewhere ends it, as it closes sockets, and a client that goes away leaves the reply
 * running.
 */
export async function streamGenerationTo({
  request,
  reply,
  context: { revocations, metrics },
  principal,
  open,
  headers,
}: {
  request: FastifyRequest;
  reply: FastifyReply;
  context: Pick<HttpContext, "revocations" | "metrics">;
  principal: Principal;
  open: (signal: AbortSignal) => AsyncIterable<StreamEvent> | Promise<AsyncIterable<StreamEvent>>;
  headers?: Record<string, string>;
}) {
  const closed = new AbortController();
  request.raw.on("close", () => closed.abort());
  const stopWatching = revocations.watch({ principal, onRevoked: () => closed.abort() });
  request.raw.on("close", stopWatching);
  const events = await open(closed.signal);
  await writeEventStream({ request, reply, events, closed: closed.signal, metrics, headers });
}
