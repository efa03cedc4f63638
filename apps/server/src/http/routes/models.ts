import type { FastifyInstance } from "fastify";
import type { HttpContext } from "../context.ts";

export function registerModelRoutes(app: FastifyInstance, { models, sessions }: HttpContext) {
  app.get("/api/models", async (request) => {
    await sessions.require(request);
    return { models: await models.listModels(), providers: [] };
  });
}
