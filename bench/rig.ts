import { createTestPostgresDatabase } from "../apps/server/test/postgres-database.ts";
import { startRedisServer } from "../apps/server/test/redis-server.ts";
import { onCleanup } from "./process/cleanup.ts";
import { type Child, startChild } from "./process/spawn.ts";
import { openAiSseTarget } from "./targets/openai-sse.ts";
import { relayWsTarget } from "./targets/relay-ws.ts";
import { type SlipstreamInstance, startSlipstream } from "./targets/slipstream.ts";
import { slipstreamSseTarget, slipstreamWsTarget } from "./targets/slipstream-targets.ts";
import type { Target } from "./targets/target.ts";
import { newChatPath, uiStreamSseTarget } from "./targets/ui-stream-sse.ts";

const entry = (path: string) => new URL(path, import.meta.url).pathname;

/** Everything one run drives, each in its own process on loopback: the provider, Slipstream twice, the peers. */
export type Rig = {
  provider: Child;
  redisUrl?: string;
  embedded: SlipstreamInstance;
  /** Slipstream over Postgres and Redis; absent when either service is missing (the report says so). */
  scaled?: SlipstreamInstance;
  skipped: string[];
  direct: Target;
  slipstream: Target[];
  peers: Target[];
};

async function startScaledServices(): Promise<{ redisUrl: string; databaseUrl: string } | { skip: string }> {
  const redis = await startRedisServer();
  if ("skip" in redis) return redis;
  onCleanup("redis-server", redis.stop);
  const database = await createTestPostgresDatabase();
  if ("skip" in database) return { skip: database.skip };
  onCleanup("postgres database", database.drop);
  return { redisUrl: redis.url, databaseUrl: database.url };
}

/** `slipstreamEnv`: variables for both Slipstream instances on top of the bench's own, to compare settings A/B. */
export async function startRig({ slipstreamEnv = {} }: { slipstreamEnv?: Record<string, string> } = {}): Promise<Rig> {
  const provider = await startChild({ name: "fake provider", entry: entry("./fake-provider.ts") });
  const providerEnv = { PROVIDER_URL: provider.url };
  const services = await startScaledServices();
  const skipped = "skip" in services ? [`Postgres+Redis runs: ${services.skip}`] : [];
  const [embedded, scaled, relay, aiSdk, portkey, resumable] = await Promise.all([
    startSlipstream({ label: "embedded", providerUrl: provider.url, env: slipstreamEnv }),
    "skip" in services
      ? undefined
      : startSlipstream({
          label: "postgres+redis",
          providerUrl: provider.url,
          env: { ...slipstreamEnv, DATABASE_URL: services.databaseUrl, REDIS_URL: services.redisUrl },
        }),
    startChild({ name: "bare relay", entry: entry("./peers/relay.ts"), env: { PROVIDER_URL: `${provider.url}/v1` } }),
    startChild({ name: "ai sdk route", entry: entry("./peers/ai-sdk-route.ts"), env: providerEnv }),
    startChild({ name: "portkey", entry: entry("./peers/portkey.ts"), env: providerEnv }),
    "skip" in services
      ? undefined
      : startChild({
          name: "resumable-stream",
          entry: entry("./peers/resumable.ts"),
          env: { ...providerEnv, REDIS_URL: services.redisUrl },
        }),
  ]);
  const peers: Target[] = [
    openAiSseTarget({ name: "bare relay sse", url: `${relay.url}/v1/chat/completions`, process: relay }),
    relayWsTarget({ name: "bare relay ws", process: relay }),
    uiStreamSseTarget({ name: "ai sdk route sse", process: aiSdk, chatPath: () => "/api/chat" }),
    openAiSseTarget({
      name: "portkey sse",
      url: `${portkey.url}/v1/chat/completions`,
      headers: {
        "x-portkey-provider": "openai",
        "x-portkey-custom-host": `${provider.url}/v1`,
        authorization: "Bearer bench",
      },
      process: portkey,
    }),
  ];
  if (resumable)
    peers.push(
      uiStreamSseTarget({ name: "resumable-stream sse", process: resumable, chatPath: newChatPath, usesRedis: true }),
    );
  const slipstream = [embedded, scaled].flatMap((instance) =>
    instance ? [slipstreamSseTarget(instance), slipstreamWsTarget(instance)] : [],
  );
  return {
    provider,
    redisUrl: "skip" in services ? undefined : services.redisUrl,
    embedded,
    scaled,
    skipped,
    direct: openAiSseTarget({ name: "provider direct", url: `${provider.url}/v1/chat/completions` }),
    slipstream,
    peers,
  };
}
