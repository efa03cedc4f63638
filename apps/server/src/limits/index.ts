import type { WindowCounter } from "./types.ts";

export type * from "./types.ts";

/** Counters of this process, or in Redis (loaded only then) so that limits hold across instances. */
export async function openWindowCounter({
  redis,
  onError,
}: {
  redis?: { url: string; caFile?: string };
  onError: (error: unknown) => void;
}): Promise<WindowCounter> {
  if (!redis) return (await import("./memory.ts")).createMemoryWindowCounter();
  return (await import("./redis.ts")).createRedisWindowCounter({ url: redis.url, caFile: redis.caFile, onError });
}
