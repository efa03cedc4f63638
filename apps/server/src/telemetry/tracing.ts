import { OpenTelemetry } from "@ai-sdk/otel";
import { FastifyOtelInstrumentation } from "@fastify/otel";
import { SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { UndiciInstrumentation } from "@opentelemetry/instrumentation-undici";
import { NodeSDK } from "@opentelemetry/sdk-node";
import { BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { registerTelemetry } from "ai";
import type { Telemetry } from "./index.ts";
import { traceRedisCommands } from "./redis-spans.ts";
import { traceBus } from "./traced-bus.ts";
import { traceStore } from "./traced-store.ts";

const TRACER = "slipstream";
/** Probes and scrapes would be most of the spans, and say nothing. */
const UNTRACED_PATHS = new Set(["/healthz", "/readyz", "/metrics"]);

/**
 * The OpenTelemetry Node SDK with the instrumentations chosen for this server: Fastify requests (@fastify/otel),
 * outbound HTTP to providers (undici's diagnostics channel), the AI SDK's generation spans (@ai-sdk/otel), Redis
 * commands (ioredis' tracing channel), and the store and bus through decorators. Nothing patches modules at load
 * time, so it works with native ES modules and needs no loader flag.
 */
export function startTracing({
  otlpEndpoint,
  serviceName,
  exporter,
}: {
  otlpEndpoint?: string;
  serviceName: string;
  exporter?: SpanExporter;
}): Telemetry {
  const sdk = new NodeSDK({
    serviceName,
    autoDetectResources: false,
    spanProcessors: [
      exporter
        ? new SimpleSpanProcessor(exporter)
        : new BatchSpanProcessor(new OTLPTraceExporter({ url: new URL("v1/traces", withSlash(otlpEndpoint)).href })),
    ],
    // prom-client serves the metrics and pino the logs: the SDK exports traces only.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [new UndiciInstrumentation()],
  });
  sdk.start();
  const tracer = trace.getTracer(TRACER);
  registerTelemetry(new OpenTelemetry({ tracer: trace.getTracer("slipstream.ai") }));
  const stopRedisSpans = traceRedisCommands(tracer);
  const fastifyOtel = new FastifyOtelInstrumentation({
    ignorePaths: (options: { url: string }) => UNTRACED_PATHS.has(options.url),
  });

  return {
    enabled: true,
    traceStore: (store) => traceStore({ store, tracer }),
    traceBus: (bus) => traceBus({ bus, tracer }),
    async instrumentHttp(app) {
      await app.register(fastifyOtel.plugin());
    },
    traceFrame: (run) =>
      tracer.startActiveSpan("websocket frame", { kind: SpanKind.SERVER }, async (span) => {
        try {
          return await run();
        } catch (error) {
          span.setStatus({ code: SpanStatusCode.ERROR });
          throw error;
        } finally {
          span.end();
        }
      }),
    logIds(): Record<string, string> {
      const context = trace.getActiveSpan()?.spanContext();
      return context ? { trace_id: context.traceId, span_id: context.spanId } : {};
    },
    async shutdown() {
      stopRedisSpans();
      await sdk.shutdown();
    },
  };
}

function withSlash(endpoint: string | undefined): string {
  if (!endpoint) throw new Error("an OTLP endpoint or an exporter is required");
  return endpoint.endsWith("/") ? endpoint : `${endpoint}/`;
}
