import type { FastifyInstance } from "fastify";
import { isDomainError } from "../../errors.ts";
import type { HttpContext } from "../context.ts";

const NOT_ANSWERING = "A dependency is not answering.";

export function registerHealthRoutes(app: FastifyInstance, { checkReadiness }: Pick<HttpContext, "checkReadiness">) {
  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/readyz", async (request, reply) => {
    try {
      await checkReadiness();
      return { status: "ok" };
    } catch (error) {
      request.log.warn({ err: error }, "not ready");
      // A dependency that knows why it is away (the database down, the disk full) says so to the operator.
      const message = isDomainError(error) && error.code === "unavailable" ? error.message : NOT_ANSWERING;
      return reply.status(503).send({ error: { code: "not_ready", message } });
    }
  });
}
