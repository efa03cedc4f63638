import { eventsQuerySchema } from "@slipstream/protocol";
import type { FastifyInstance } from "fastify";
import type { HttpContext } from "../context.ts";
import { parseInput } from "../validate.ts";
import { conversationParamsSchema } from "./conversations.ts";

/** A conversation's exact history, in pages, and its snapshot as of a version. */
export function registerHistoryRoutes(app: FastifyInstance, { history, principals }: HttpContext) {
  app.get("/api/conversations/:id/events", async (request) => {
    const principal = await principals.require(request);
    const { id } = parseInput(conversationParamsSchema, request.params);
    const { after, limit } = parseInput(eventsQuerySchema, request.query);
    return history.listEvents({ principal, conversationId: id, after, limit });
  });

  app.get("/api/conversations/:id/snapshot", async (request) => {
    const principal = await principals.require(request);
    const { id } = parseInput(conversationParamsSchema, request.params);
    return history.snapshot({ principal, conversationId: id });
  });
}
