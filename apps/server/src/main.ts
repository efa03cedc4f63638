import { createLogger } from "./app.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { describeStartup } from "./startup-summary.ts";
import { startTelemetry } from "./telemetry/index.ts";

function readConfig() {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const config = readConfig();
// Before the app: the tracer provider must exist when the first request, query or provider call happens.
const telemetry = await startTelemetry({ config });
const logger = createLogger(config, { traceIds: telemetry.logIds, pretty: process.stdout.isTTY === true });
const { createApp } = await import("./app.ts");
const app = await createApp({ config, logger, telemetry });
const address = await app.listen();
const { summary, message } = describeStartup({ config, address });
logger.info({ startup: summary }, message);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  try {
    await app.close();
    await telemetry.shutdown();
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, "shutdown failed");
    process.exit(1);
  }
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
