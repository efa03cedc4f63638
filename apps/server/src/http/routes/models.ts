import type { FastifyInstance } from "fastify";
import type { HttpContext } from "../context.ts";

export function registerModelRoutes(app: FastifyInstance, { models, principals }: HttpContext) {
  app.get("/api/models", async (request) => {
    const principal = await principals.require(request);
    const [list, providers] = await Promise.all([models.listModels(principal), models.listProviders()]);
    return { models: list, providers };
  });
}
