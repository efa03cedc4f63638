import {
  conversationsQuerySchema,
  createConversationBodySchema,
  idSchema,
  updateConversationBodySchema,
} from "@slipstream/protocol";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { presentConversation, presentConversationListItem } from "../../chat/presenters.ts";
import type { HttpContext } from "../context.ts";
import { parseInput } from "../validate.ts";

export const conversationParamsSchema = z.object({ id: idSchema });

export function registerConversationRoutes(app: FastifyInstance, { conversations, principals }: HttpContext) {
  app.get("/api/conversations", async (request) => {
    const principal = await principals.require(request);
    const query = parseInput(conversationsQuerySchema, request.query);
    const page = await conversations.listConversations({ principal, ...query });
    return { conversations: page.conversations.map(presentConversationListItem), nextCursor: page.nextCursor };
  });

  app.post("/api/conversations", async (request, reply) => {
    const principal = await principals.require(request);
    const body = parseInput(createConversationBodySchema, request.body);
    const conversation = await conversations.createConversation({ ...body, principal });
    return reply.status(201).send({ conversation: presentConversation(conversation) });
  });

  app.get("/api/conversations/:id", async (request) => {
    const principal = await principals.require(request);
    const { id } = parseInput(conversationParamsSchema, request.params);
    return { conversation: presentConversation(await conversations.getConversation({ id, principal })) };
  });

  app.patch("/api/conversations/:id", async (request) => {
    const principal = await principals.require(request);
    const { id } = parseInput(conversationParamsSchema, request.params);
    const body = parseInput(updateConversationBodySchema, request.body);
    const conversation = await conversations.updateConversation({ ...body, id, principal });
    return { conversation: presentConversation(conversation) };
  });

  app.delete("/api/conversations/:id", async (request, reply) => {
    const principal = await principals.require(request);
    const { id } = parseInput(conversationParamsSchema, request.params);
    await conversations.deleteConversation({ id, principal });
    return reply.status(204).send();
  });
}
