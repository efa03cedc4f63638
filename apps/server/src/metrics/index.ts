import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

/** The Prometheus metrics of one instance, served as text at `/metrics`. */
export function createMetrics({
  connectionCount,
  runningCount,
  jobCounts,
}: {
  connectionCount: () => number;
  runningCount: () => number;
  /** Jobs in the queue by state (the whole queue, shared by every process on the database). */
  jobCounts?: () => Promise<Record<string, number>>;
}) {
  const registry = new Registry();
  const registers = [registry];
  // Process metrics (CPU, memory, event loop lag, handles, GC) under their usual names.
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    connections: new Gauge({
      name: "slipstream_websocket_connections",
      help: "Open WebSocket connections on this instance.",
      registers,
      collect() {
        this.set(connectionCount());
      },
    }),
    runningGenerations: new Gauge({
      name: "slipstream_generations_running",
      help: "Generations running on this instance.",
      registers,
      collect() {
        this.set(runningCount());
      },
    }),
    eventsStreamed: new Counter({
      name: "slipstream_stream_events_sent_total",
      help: "Stream events sent to clients.",
      labelNames: ["transport"] as const,
      registers,
    }),
    resumes: new Counter({
      name: "slipstream_stream_resumes_total",
      help: "Stream reads that started after an offset (a client resuming).",
      labelNames: ["transport"] as const,
      registers,
    }),
    timeToFirstToken: new Histogram({
      name: "slipstream_time_to_first_token_seconds",
      help: "From the start of a generation to its first text delta.",
      buckets: SECONDS_BUCKETS,
      registers,
    }),
    generationDuration: new Histogram({
      name: "slipstream_generation_duration_seconds",
      help: "From the start of a generation to its end, by final status.",
      labelNames: ["status"] as const,
      buckets: SECONDS_BUCKETS,
      registers,
    }),
    redisErrors: new Counter({
      name: "slipstream_redis_errors_total",
      help: "Errors of the Redis connections, by the port that uses them (bus, streams or limits).",
      labelNames: ["port"] as const,
      registers,
    }),
    backgroundErrors: new Counter({
      name: "slipstream_background_errors_total",
      help: "Failures of work nobody waits for (checkpoints, event publishing, sweeps, stream log ends), by operation.",
      labelNames: ["operation"] as const,
      registers,
    }),
    finalWriteRetries: new Counter({
      name: "slipstream_final_write_retries_total",
      help: "Retries of a finished reply's final write while the store was unavailable.",
      registers,
    }),
    jobs: new Gauge({
      name: "slipstream_jobs",
      help: "Durable jobs by state: queued, running, failed, completed.",
      labelNames: ["state"] as const,
      registers,
      async collect() {
        // The counts live in the database: while it is away the gauge keeps its last values, so that /metrics
        // still answers (with the counters that tell of the outage) instead of failing whole.
        const counts = await jobCounts?.().catch(() => undefined);
        for (const [state, count] of Object.entries(counts ?? {})) this.set({ state }, count);
      },
    }),
    jobRuns: new Counter({
      name: "slipstream_job_runs_total",
      help: "Job attempts that ended in this process, by kind and outcome (completed, retrying, failed).",
      labelNames: ["name", "outcome"] as const,
      registers,
    }),
    jobWait: new Histogram({
      name: "slipstream_job_wait_seconds",
      help: "From when a job could start to when this process started it.",
      labelNames: ["name"] as const,
      buckets: SECONDS_BUCKETS,
      registers,
    }),
    jobDuration: new Histogram({
      name: "slipstream_job_duration_seconds",
      help: "How long one attempt of a job ran.",
      labelNames: ["name"] as const,
      buckets: SECONDS_BUCKETS,
      registers,
    }),
    webhookDeliveries: new Counter({
      name: "slipstream_webhook_deliveries_total",
      help: "Outbound webhook delivery attempts by outcome: delivered, retrying (failed, to be tried again) or failed (given up).",
      labelNames: ["outcome"] as const,
      registers,
    }),
    httpRequestDuration: new Histogram({
      name: "slipstream_http_request_duration_seconds",
      help: "HTTP responses by method, route pattern and status; SSE responses count until their stream ends.",
      labelNames: ["method", "route", "status"] as const,
      buckets: SECONDS_BUCKETS,
      registers,
    }),
    tokens: new Counter({
      name: "slipstream_tokens_total",
      help: "Tokens of finished generations as the provider counted them, by model and kind (input or output).",
      labelNames: ["model", "kind"] as const,
      registers,
    }),
    providerErrors: new Counter({
      name: "slipstream_provider_errors_total",
      help: "Generations that ended with a provider error, by provider.",
      labelNames: ["provider"] as const,
      registers,
    }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
