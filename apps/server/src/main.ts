import { createApp, createLogger } from "./app.ts";
import { loadConfigOrExit } from "./config.ts";
import { closeOnSignals } from "./shutdown.ts";

const config = loadConfigOrExit(process.env);
const logger = createLogger(config);
const app = await createApp({ config, logger });
const address = await app.listen();
logger.info({ address, store: config.db.kind }, `Slipstream is listening on ${address}`);
closeOnSignals({ logger, close: () => app.close({ graceMs: config.shutdown.graceMs }) });
