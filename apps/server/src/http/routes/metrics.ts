import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { unauthorized } from "../../errors.ts";
import { bearerToken } from "../../identity/bearer.ts";
import type { HttpContext } from "../context.ts";

function carriesToken(request: FastifyRequest, expected: string): boolean {
  const given = Buffer.from(bearerToken(request.headers) ?? "");
  const wanted = Buffer.from(expected);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/** Prometheus text; for a scraper on the private network, like /healthz, and behind METRICS_TOKEN when it is set. */
export function registerMetricsRoutes(
  app: FastifyInstance,
  { metrics, metricsToken }: Pick<HttpContext, "metrics"> & Partial<Pick<HttpContext, "metricsToken">>,
) {
  app.get("/metrics", async (request, reply) => {
    if (metricsToken && !carriesToken(request, metricsToken)) {
      reply.header("www-authenticate", 'Bearer realm="metrics"');
      throw unauthorized("Send the metrics token as Authorization: Bearer <METRICS_TOKEN>.");
    }
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}
