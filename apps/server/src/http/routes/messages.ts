import { sendMessageBodySchema } from "@slipstream/protocol";
import type { FastifyInstance } from "fastify";
import { presentMessage } from "../../chat/presenters.ts";
import type { HttpContext } from "../context.ts";
import { parseInput } from "../validate.ts";
import { conversationParamsSchema } from "./conversations.ts";

export function registerMessageRoutes(app: FastifyInstance, { messages, principals }: HttpContext) {
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
    return reply.status(202).send({
      message: presentMessage(turn.message),
      reply: presentMessage(turn.reply),
      streamId: turn.streamId,
    });
  });
}
