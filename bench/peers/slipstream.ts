import { createApp } from "../../apps/server/src/app.ts";
import { loadConfig } from "../../apps/server/src/config.ts";
import { createLogger } from "../../apps/server/src/logs/logger.ts";
import { serveParent } from "../process/agent.ts";

/** Slipstream as `npm start` runs it (same config from the environment), plus the bench's stats channel. */
const config = loadConfig(process.env);
const app = await createApp({ config, logger: createLogger(config) });
serveParent({ url: await app.listen(), stop: () => app.close({ graceMs: 0 }) });
