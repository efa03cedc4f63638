import type { FastifyInstance } from "fastify";
import type { HttpContext } from "../context.ts";

/** Prometheus text; meant for a scraper on the private network, like /healthz. */
export function registerMetricsRoutes(app: FastifyInstance, { metrics }: Pick<HttpContext, "metrics">) {
  app.get("/metrics", async (_request, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
}
