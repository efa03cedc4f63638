import { loadConfigOrExit } from "@slipstream/server/config";
import { createLogger } from "@slipstream/server/logger";
import { closeOnSignals } from "@slipstream/server/shutdown";
import { startWorker } from "@slipstream/server/worker";

const config = loadConfigOrExit(process.env);
const logger = createLogger(config);
const worker = await startWorker({ config, logger });
logger.info(
  { address: worker.address, store: config.db.kind },
  `Slipstream worker is running; health on ${worker.address}`,
);
closeOnSignals({ logger, close: () => worker.close({ graceMs: config.shutdown.graceMs }) });
