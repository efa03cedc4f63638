import { loadConfigOrExit } from "./config.ts";
import { createLogger } from "./logs/logger.ts";
import { closeOnSignals } from "./shutdown.ts";
import { describeStartup } from "./startup-summary.ts";
import { startTelemetry } from "./telemetry/index.ts";

const config = loadConfigOrExit(process.env);
// Before the app: the tracer provider must exist when the first request, query or provider call happens.
const telemetry = await startTelemetry({ config });
const logger = createLogger(config, { traceIds: telemetry.logIds, pretty: process.stdout.isTTY === true });
const { createApp } = await import("./app.ts");
const app = await createApp({ config, logger, telemetry });
const address = await app.listen();
const { summary, message } = describeStartup({ config, address });
logger.info({ startup: summary }, message);
closeOnSignals({
  logger,
  close: async () => {
    await app.close({ graceMs: config.shutdown.graceMs });
    await telemetry.shutdown();
  },
});
