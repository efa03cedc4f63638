import type { FastifyInstance } from "fastify";
import type { Metrics } from "../metrics/index.ts";

/** Observes every response's latency by method, route pattern (never the raw URL: ids would explode the labels) and status. */
export function registerRequestMetrics(app: FastifyInstance, metrics: Pick<Metrics, "httpRequestDuration">) {
  app.addHook("onResponse", async (request, reply) => {
    metrics.httpRequestDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? "unmatched", status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
}
