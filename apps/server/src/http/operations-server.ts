import Fastify, { type FastifyBaseLogger } from "fastify";
import type { Logger } from "pino";
import type { HttpContext } from "./context.ts";
import { registerErrorHandling } from "./error-handler.ts";
import { registerHealthRoutes } from "./routes/health.ts";
import { registerMetricsRoutes } from "./routes/metrics.ts";

/** Health and metrics only, for a process that serves no users (the worker). */
export async function createOperationsServer({
  logger,
  context,
}: {
  logger: Logger;
  context: Pick<HttpContext, "metrics" | "checkReadiness">;
}) {
  const app = Fastify({ loggerInstance: logger as FastifyBaseLogger });
  registerErrorHandling(app);
  registerHealthRoutes(app, context);
  registerMetricsRoutes(app, context);
  return app;
}
