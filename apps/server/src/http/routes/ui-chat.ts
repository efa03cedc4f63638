import { uiChatRequestSchema } from "@slipstream/protocol";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Principal } from "../../identity/principal.ts";
import type { HttpContext } from "../context.ts";
import { writeEventStream } from "../event-stream.ts";
import { parseInput } from "../validate.ts";

const chatParamsSchema = z.object({ id: z.string().min(1).max(200) });

/**
 * The AI SDK's chat transport: `useChat({ transport: new DefaultChatTransport({ api: "/api/chat" }), resume: true })`
 * works against these two routes unchanged.
 */
export function registerUiChatRoutes(app: FastifyInstance, context: HttpContext) {
  const { uiChat, messages, principals, revocations, metrics } = context;

  /** Reads the stream for this response only; signing out elsewhere ends it, as it closes sockets. */
  async function streamToClient(request: FastifyRequest, principal: Principal, streamId: string) {
    const closed = new AbortController();
    request.raw.on("close", () => closed.abort());
    const stopWatching = revocations.watch({ principal, onRevoked: () => closed.abort() });
    request.raw.on("close", stopWatching);
    return { closed, events: await messages.openStream({ principal, streamId, after: 0, signal: closed.signal }) };
  }

  app.post("/api/chat", async (request, reply) => {
    const principal = await principals.require(request);
    const body = parseInput(uiChatRequestSchema, request.body);
    const { streamId } = await uiChat.submit({ principal, request: body });
    const { closed, events } = await streamToClient(request, principal, streamId);
    await writeEventStream({ request, reply, events, closed: closed.signal, metrics });
  });

  app.get("/api/chat/:id/stream", async (request, reply) => {
    const principal = await principals.require(request);
    const { id } = parseInput(chatParamsSchema, request.params);
    const streamId = await uiChat.findRunningStream({ principal, chatId: id });
    if (!streamId) return reply.status(204).send();
    metrics.resumes.inc({ transport: "sse" });
    const { closed, events } = await streamToClient(request, principal, streamId);
    await writeEventStream({ request, reply, events, closed: closed.signal, metrics });
  });
}
