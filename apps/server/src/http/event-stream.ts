import { once } from "node:events";
import type { StreamEvent } from "@slipstream/protocol";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Metrics } from "../metrics/index.ts";

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
}: {
  request: FastifyRequest;
  reply: FastifyReply;
  events: AsyncIterable<StreamEvent>;
  closed: AbortSignal;
  metrics: Pick<Metrics, "eventsStreamed">;
}) {
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
  try {
    for await (const { seq, part } of events) {
      const accepted = out.write(`id: ${seq}\ndata: ${JSON.stringify(part)}\n\n`);
      sent.inc();
      if (!accepted) await once(out, "drain", { signal: closed });
    }
    if (!closed.aborted) out.write("data: [DONE]\n\n");
  } catch (error) {
    if (!closed.aborted) request.log.error({ err: error }, "stream read failed");
  } finally {
    clearInterval(keepalive);
    out.end();
  }
}
