import { type FakeProvider, startFakeProvider } from "./fake-provider/index.ts";
import { createTestPostgresDatabase } from "./postgres-database.ts";
import { type RedisServer, startRedisServer } from "./redis-server.ts";
import { type ServerProcess, startInstance } from "./server-process.ts";

export type Fleet = {
  a: ServerProcess;
  b: ServerProcess;
  redis: RedisServer;
  fake: FakeProvider;
  /** The environment both instances share, for more processes (workers) to join them. */
  env: Record<string, string>;
  stop(): Promise<void>;
};

/**
 * Two server processes, as a fleet runs them: they share nothing but a fresh Postgres database, a private
 * Redis, the session secret and a fake provider. Returns `{ skip }` when Postgres or Redis is missing.
 */
export async function startFleet(env: Record<string, string> = {}): Promise<Fleet | { skip: string }> {
  const [postgres, redis] = await Promise.all([createTestPostgresDatabase(), startRedisServer()]);
  if ("skip" in postgres || "skip" in redis) {
    if ("stop" in redis) await redis.stop();
    if ("drop" in postgres) await postgres.drop();
    return { skip: "skip" in postgres ? postgres.skip : "skip" in redis ? redis.skip : "" };
  }
  const fake = await startFakeProvider();
  const shared = {
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    SESSION_SECRET: "a shared secret of at least thirty-two characters",
    OPENAI_COMPATIBLE_BASE_URL: `${fake.url}/v1`,
    TITLE_MODEL: "none",
    ...env,
  };
  const [a, b] = await Promise.all([startInstance(shared), startInstance(shared)]);
  return {
    a,
    b,
    redis,
    fake,
    env: shared,
    async stop() {
      await Promise.all([a.stop(), b.stop()]);
      await fake.close();
      await redis.stop();
      await postgres.drop();
    },
  };
}
