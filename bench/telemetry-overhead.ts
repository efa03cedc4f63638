import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace-base";
import pino from "pino";
import { createApp } from "../apps/server/src/app.ts";
import { loadConfig } from "../apps/server/src/config.ts";
import { disabledTelemetry, startTelemetry, type Telemetry } from "../apps/server/src/telemetry/index.ts";
import { startFakeProvider } from "../apps/server/test/fake-provider/index.ts";
import { signedInClient } from "../apps/server/test/support.ts";

/**
 * `node bench/telemetry-overhead.ts`: the CPU that streaming costs this process per delivered text delta, with
 * telemetry off and then on (spans kept in memory), over the same turns. Off must cost what the code without
 * telemetry costs: nothing on the token path creates a span or calls the SDK.
 */
const TURNS = 12;
const DELTAS_PER_TURN = 2_000;

async function measure(telemetry: Telemetry, providerUrl: string) {
  const dataDir = await mkdtemp(join(tmpdir(), "slipstream-otel-bench-"));
  const config = loadConfig({
    NODE_ENV: "test",
    PORT: "0",
    LOG_LEVEL: "silent",
    DATA_DIR: dataDir,
    OPENAI_COMPATIBLE_BASE_URL: providerUrl,
  });
  const app = await createApp({ config, logger: pino({ level: "silent" }), telemetry });
  const url = await app.listen();
  const { client } = await signedInClient(url, "bench");
  const conversation = await client.conversations.create({ model: "local/llama3.2" });
  const run = async () => {
    const turn = await client.messages.send(conversation.id, {
      content: `[[reply:${"word ".repeat(DELTAS_PER_TURN)}]][[chunks:${DELTAS_PER_TURN}]] go`,
    });
    let deltas = 0;
    for await (const { part } of client.streams.read(turn.streamId)) if (part.type === "text-delta") deltas += 1;
    return deltas;
  };
  await run(); // warm-up: JIT, prepared statements, connections
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  let deltas = 0;
  for (let turn = 0; turn < TURNS; turn += 1) deltas += await run();
  const cpu = process.cpuUsage(cpuBefore);
  const wallMs = performance.now() - wallBefore;
  await app.close({ graceMs: 0 });
  await rm(dataDir, { recursive: true, force: true });
  return { deltas, wallMs: Math.round(wallMs), cpuMicrosPerDelta: (cpu.user + cpu.system) / deltas };
}

const fake = await startFakeProvider();
// The first pass warms the JIT for the whole path; the second is the one compared.
await measure(disabledTelemetry, `${fake.url}/v1`);
const off = await measure(disabledTelemetry, `${fake.url}/v1`);
const exporter = new InMemorySpanExporter();
const on = await measure(
  await startTelemetry({ config: { telemetry: { serviceName: "bench" } }, exporter }),
  `${fake.url}/v1`,
);
await fake.close();
console.log(
  JSON.stringify({
    turns: TURNS,
    deltasPerTurn: DELTAS_PER_TURN,
    off,
    on,
    spansWhenOn: exporter.getFinishedSpans().length,
  }),
);
