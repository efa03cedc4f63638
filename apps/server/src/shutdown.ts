import type { Logger } from "pino";

/** Closes the process's work on SIGTERM or SIGINT (once), then exits: 0 when it closed cleanly, 1 when not. */
export function closeOnSignals({ logger, close }: { logger: Logger; close: () => Promise<void> }) {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    try {
      await close();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, "shutdown failed");
      process.exit(1);
    }
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}
