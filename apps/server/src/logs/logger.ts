import pino, { type Logger } from "pino";
import type { Config } from "../config.ts";
import { withoutConversationText } from "./conversation-text.ts";

/**
 * The process's logger: JSON lines (pretty in development at a terminal), with credentials always redacted and
 * conversation text (prompts, provider bodies carried by provider errors) dropped unless LOG_CONTENT=true.
 */
export function createLogger(
  config: Pick<Config, "logLevel" | "env" | "logContent">,
  {
    traceIds,
    pretty = false,
    destination,
  }: { traceIds?: () => Record<string, string>; pretty?: boolean; destination?: pino.DestinationStream } = {},
): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    // Only with telemetry on: the active span's ids on every line, to go from a log line to its trace.
    ...(traceIds ? { mixin: traceIds } : {}),
    // Readable lines for a person at a terminal in development; JSON for everything else (and all of production).
    ...(pretty && config.env === "development"
      ? { transport: { target: "pino-pretty", options: { colorize: true } } }
      : {}),
    serializers: config.logContent
      ? { err: pino.stdSerializers.err }
      : { err: (error: Error) => withoutConversationText(pino.stdSerializers.err(error)) },
    redact: {
      paths: [
        "req.headers.cookie",
        "req.headers.authorization",
        'res.headers["set-cookie"]',
        "*.password",
        "*.apiKey",
        "*.secret",
      ],
      censor: "[redacted]",
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
