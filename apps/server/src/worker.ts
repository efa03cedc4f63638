import type { Logger } from "pino";
import { createCore } from "./app.ts";
import type { Config } from "./config.ts";
import { createOperationsServer } from "./http/operations-server.ts";

/**
 * The worker: the same job processors as the server's inline mode, with health and metrics on `WORKER_PORT`
 * and nothing else. Run it beside servers started with `WORKER=off`.
 */
export async function startWorker({ config, logger }: { config: Config; logger: Logger }) {
  const core = await createCore({ config, logger });
  await core.work();
  const operations = await createOperationsServer({ logger, context: core });
  const address = await operations.listen({ host: config.http.host, port: config.worker.port });
  return {
    address,
    /** Takes no more jobs, lets running ones finish within `graceMs`, then closes everything. */
    async close({ graceMs = 30_000 }: { graceMs?: number } = {}) {
      await operations.close();
      await core.stopWork({ graceMs });
      await core.closePorts();
    },
  };
}
