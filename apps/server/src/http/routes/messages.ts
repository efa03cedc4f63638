import { idSchema, sendMessageBodySchema } from "@slipstream/protocol";
import type { FastifyInstance } from "fastify";
import { presentMessage } from "../../chat/presenters.ts";
import type { HttpContext } from "../context.ts";
import { streamGenerationTo } from "../event-stream.ts";
import { parseInput } from "../validate.ts";
import { conversationParamsSchema } from "./conversations.ts";

const messageParamsSchema = conversationParamsSchema.extend({ messageId: idSchema });

/** A send that asks for `text/event-stream` is answered with its reply's stream, as AI SDK clients stream. */
const wantsStream = (accept: string | undefined) => accept?.includes("text/event-stream") ?? false;

export function registerMessageRoutes(app: FastifyInstance, context: HttpContext) {
  const { messages, principals } = context;
  app.get("/api/conversations/:id/messages", async (request) => {
    const principal = await principals.require(request);
    const { id } = parseInput(conversationParamsSchema, request.params);
    const list = await messages.listMessages({ principal, conversationId: id });
    return { messages: list.map(presentMessage) };
  });

  app.post("/api/conversations/:id/messages", async (request, reply) => {
    const principal = await principals.require(request);
    const { id } = parseInput(conversationParamsSchema, request.params);
    const body = parseInput(sendMessageBodySchema, request.body);
    const turn = await messages.sendMessage({ ...body, principal, conversationId: id });
    if (wantsStream(request.headers.accept)) {
      // One request per reply: the ids a client needs to resume (GET /api/streams/:streamId) ride in headers.
      const headers = {
        "x-slipstream-stream-id": turn.streamId,
        "x-slipstream-message-id": turn.message.id,
        "x-slipstream-reply-id": turn.reply.id,
      };
      return streamGenerationTo({ request, reply, context, principal, open: turn.follow, headers });
    }
    return reply.status(202).send({
      message: presentMessage(turn.message),
      reply: presentMessage(turn.reply),
      streamId: turn.streamId,
    });
  });

  app.delete("/api/conversations/:id/messages/:messageId", async (request, reply) => {
    const principal = await principals.require(request);
    const { id, messageId } = parseInput(messageParamsSchema, request.params);
    await messages.deleteBranch({ principal, conversationId: id, messageId });
    return reply.status(204).send();
  });
}
