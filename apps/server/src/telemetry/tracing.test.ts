import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { trace } from "@opentelemetry/api";
import { InMemorySpanExporter, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeProvider, startFakeProvider } from "../../test/fake-provider/index.ts";
import { startRedisServer } from "../../test/redis-server.ts";
import { eventually, FAKE_MODEL, removeDir, signedInClient } from "../../test/support.ts";
import { type App, createApp } from "../app.ts";
import { createMemoryBus } from "../bus/memory.ts";
import { createRedisBus } from "../bus/redis.ts";
import { loadConfig } from "../config.ts";
import { startTelemetry, type Telemetry } from "./index.ts";

// The tracer provider is global: this file starts telemetry once, with an exporter that keeps every span.
const exporter = new InMemorySpanExporter();
let telemetry: Telemetry;
let app: App;
let url: string;
let fake: FakeProvider;
let dataDir: string;
const logLines: Record<string, unknown>[] = [];

beforeAll(async () => {
  telemetry = await startTelemetry({ config: { telemetry: { serviceName: "slipstream-test" } }, exporter });
  fake = await startFakeProvider();
  dataDir = await mkdtemp(join(tmpdir(), "slipstream-otel-"));
  const config = loadConfig({
    NODE_ENV: "test",
    PORT: "0",
    LOG_LEVEL: "info",
    DATA_DIR: dataDir,
    OPENAI_COMPATIBLE_BASE_URL: `${fake.url}/v1`,
  });
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const logger = pino({ level: "info", mixin: telemetry.logIds }, sink);
  app = await createApp({ config, logger, telemetry });
  url = await app.listen();
});
afterAll(async () => {
  await app?.close({ graceMs: 0 });
  await fake?.close();
  await telemetry?.shutdown();
  await removeDir(dataDir);
});

const named = (spans: ReadableSpan[], test: (span: ReadableSpan) => boolean) => spans.filter(test);

describe("traces with OpenTelemetry on", () => {
  it("gives one chat turn a trace with HTTP, generation, provider and store spans, and logs its trace id", async () => {
    const { client } = await signedInClient(url, "traced");
    const conversation = await client.conversations.create({ model: FAKE_MODEL });
    exporter.reset();
    const sent = await fetch(`${url}/api/conversations/${conversation.id}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: client.transport.cookieHeader() },
      body: JSON.stringify({ content: "[[chunks:3]] trace me" }),
    });
    expect(sent.status).toBe(202);
    const { streamId } = (await sent.json()) as { streamId: string };
    await (
      await fetch(`${url}/api/streams/${streamId}`, { headers: { cookie: client.transport.cookieHeader() } })
    ).text();

    const spans = await eventually(() => {
      const finished = exporter.getFinishedSpans();
      expect(finished.some((span) => span.name.startsWith("invoke_agent"))).toBe(true);
      return finished;
    });
    const [request] = named(spans, (span) => span.attributes["http.route"] === "/api/conversations/:id/messages");
    expect(request, spans.map((span) => span.name).join(", ")).toBeDefined();
    const traceId = request?.spanContext().traceId;
    const inTrace = spans.filter((span) => span.spanContext().traceId === traceId);

    expect(named(inTrace, (span) => span.name.startsWith("invoke_agent"))).not.toHaveLength(0);
    const provider = named(inTrace, (span) => String(span.attributes["url.full"] ?? "").startsWith(fake.url));
    expect(provider.map((span) => span.attributes["http.request.method"])).toEqual(["POST"]);
    expect(named(inTrace, (span) => span.name === "store messages.createMessage")).not.toHaveLength(0);
    expect(named(inTrace, (span) => span.name === "store transaction")).not.toHaveLength(0);
    // Nothing of the conversation's text reaches a span.
    expect(JSON.stringify(spans.map((span) => span.attributes))).not.toContain("trace me");

    expect(logLines.some((line) => line.trace_id === traceId)).toBe(true);
  });

  it("leaves probes and scrapes untraced", async () => {
    exporter.reset();
    await fetch(`${url}/healthz`);
    await fetch(`${url}/metrics`);
    await fetch(`${url}/api/models`);
    await eventually(() => expect(exporter.getFinishedSpans().length).toBeGreaterThan(0));
    const routes = exporter.getFinishedSpans().map((span) => span.attributes["http.route"]);
    expect(routes).not.toContain("/healthz");
    expect(routes).not.toContain("/metrics");
  });

  it("carries the trace through the bus, and delivers the payload without it", async () => {
    const bus = telemetry.traceBus(createMemoryBus());
    const received: { payload: unknown; traceId?: string }[] = [];
    bus.subscribe("stream.cancel", (payload) => {
      received.push({ payload, traceId: trace.getActiveSpan()?.spanContext().traceId });
    });
    const tracer = trace.getTracer("test");
    const publisherTrace = await tracer.startActiveSpan("publisher", async (span) => {
      await bus.publish("stream.cancel", { streamId: "s-1" });
      span.end();
      return span.spanContext().traceId;
    });
    expect(received).toEqual([{ payload: { streamId: "s-1" }, traceId: publisherTrace }]);
    await bus.close();
  });

  it("spans Redis commands from ioredis' tracing channel, without their arguments", async (context) => {
    const redis = await startRedisServer();
    if ("skip" in redis) return context.skip(redis.skip);
    try {
      const bus = telemetry.traceBus(await createRedisBus({ url: redis.url }));
      exporter.reset();
      const received = new Promise((resolve) => bus.subscribe("stream.cancel", resolve));
      await trace.getTracer("test").startActiveSpan("publisher", async (span) => {
        await bus.publish("stream.cancel", { streamId: "secret-stream-id" });
        span.end();
      });
      expect(await received).toEqual({ streamId: "secret-stream-id" });
      await bus.close();
      const publish = exporter.getFinishedSpans().filter((span) => span.name === "redis publish");
      expect(publish.map((span) => span.attributes["db.system.name"])).toEqual(["redis"]);
      expect(JSON.stringify(publish[0]?.attributes)).not.toContain("secret-stream-id");
      const [publisher] = exporter.getFinishedSpans().filter((span) => span.name === "publisher");
      expect(publish[0]?.spanContext().traceId).toBe(publisher?.spanContext().traceId);
    } finally {
      await redis.stop();
    }
  });
});
