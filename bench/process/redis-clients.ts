import { Redis } from "ioredis";

const SAMPLE_MS = 250;

/**
 * Samples redis-server's `connected_clients` while a run goes on and keeps the peak: how many connections the
 * servers under test hold to Redis at their busiest (their readers, publishers, subscribers; this sampler is one).
 */
export async function watchRedisClients(url: string) {
  const redis = new Redis(url, { lazyConnect: true });
  await redis.connect();
  let peak = 0;
  const sample = async () => {
    const info = await redis.info("clients");
    peak = Math.max(peak, Number(/connected_clients:(\d+)/.exec(info)?.[1] ?? 0));
  };
  await sample();
  const timer = setInterval(() => void sample().catch(() => undefined), SAMPLE_MS);
  return {
    async stop(): Promise<number> {
      clearInterval(timer);
      await sample();
      redis.disconnect();
      return peak;
    },
  };
}
