import { uiChatRequestSchema } from "@slipstream/protocol";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { HttpContext } from "../context.ts";
import { streamGenerationTo } from "../event-stream.ts";
import { parseInput } from "../validate.ts";

const chatParamsSchema = z.object({ id: z.string().min(1).max(200) });

/**
 * The AI SDK's chat transport: `useChat({ transport: new DefaultChatTransport({ api: "/api/chat" }), resume: true })`
 * works against these two routes unchanged.
 */
export function registerUiChatRoutes(app: FastifyInstance, context: HttpContext) {
  const { uiChat, principals, metrics } = context;

  app.post("/api/chat", async (request, reply) => {
    const principal = await principals.require(request);
    const body = parseInput(uiChatRequestSchema, request.body);
    const turn = await uiChat.submit({ principal, request: body });
    await streamGenerationTo({ request, reply, context, principal, open: turn.follow });
  });

  app.get("/api/chat/:id/stream", async (request, reply) => {
    const principal = await principals.require(request);
    const { id } = parseInput(chatParamsSchema, request.params);
    const streamId = await uiChat.findRunningStream({ principal, chatId: id });
    if (!streamId) return reply.status(204).send();
    metrics.resumes.inc({ transport: "sse" });
    const open = (signal: AbortSignal) => context.messages.openStream({ principal, streamId, after: 0, signal });
    await streamGenerationTo({ request, reply, context, principal, open });
  });
}
