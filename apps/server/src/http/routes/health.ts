import type { FastifyInstance } from "fastify";
import type { HttpContext } from "../context.ts";

export function registerHealthRoutes(app: FastifyInstance, { checkReadiness }: Pick<HttpContext, "checkReadiness">) {
  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/readyz", async (request, reply) => {
    try {
      await checkReadiness();
      return { status: "ok" };
    } catch (error) {
      request.log.warn({ err: error }, "not ready");
      return reply.status(503).send({ error: { code: "not_ready", message: "A dependency is not answering." } });
    }
  });
}
