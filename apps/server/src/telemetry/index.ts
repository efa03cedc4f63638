import type { SpanExporter } from "@opentelemetry/sdk-trace-base";
import type { FastifyInstance } from "fastify";
import type { Bus } from "../bus/index.ts";
import type { Config } from "../config.ts";
import type { Store } from "../store/index.ts";

/**
 * Traces of this instance, or nothing at all: when OTEL_EXPORTER_OTLP_ENDPOINT is unset, no OpenTelemetry SDK is
 * loaded, every decorator returns what it was given, and the token path runs exactly the code it runs without it.
 */
export type Telemetry = {
  readonly enabled: boolean;
  /** Spans around every repository call and transaction ("store" spans). */
  traceStore(store: Store): Store;
  /** Carries the trace across instances inside bus messages, and spans each delivery. */
  traceBus(bus: Bus): Bus;
  /** Request spans for the Fastify app; call before its routes are registered. */
  instrumentHttp(app: FastifyInstance): Promise<void>;
  /** A span around the handling of one inbound WebSocket frame. */
  traceFrame<T>(run: () => Promise<T>): Promise<T>;
  /** The active trace and span ids, for every log line. */
  logIds?: () => Record<string, string>;
  /** Exports what is still buffered and stops. */
  shutdown(): Promise<void>;
};

export const disabledTelemetry: Telemetry = {
  enabled: false,
  traceStore: (store) => store,
  traceBus: (bus) => bus,
  instrumentHttp: async () => undefined,
  traceFrame: (run) => run(),
  shutdown: async () => undefined,
};

/**
 * Starts tracing when `config.telemetry.otlpEndpoint` is set (or a test passes its own exporter). Call once per
 * process, before the app is created: the tracer provider is global.
 */
export async function startTelemetry({
  config,
  exporter,
}: {
  config: Pick<Config, "telemetry">;
  /** Replaces the OTLP exporter (tests use an in-memory one, exported span by span). */
  exporter?: SpanExporter;
}): Promise<Telemetry> {
  if (!config.telemetry.otlpEndpoint && !exporter) return disabledTelemetry;
  const { startTracing } = await import("./tracing.ts");
  return startTracing({ ...config.telemetry, exporter });
}
