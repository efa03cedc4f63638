import type { Bus } from "./types.ts";

export type * from "./types.ts";

/**
 * The bus of this process alone, or Redis (loaded only then: a stream for conversation events, pub/sub for the rest)
 * so that every instance sees every event.
 */
export async function openBus({
  redis,
  onError,
}: {
  redis?: { url: string; caFile?: string };
  onError: (error: unknown) => void;
}): Promise<Bus> {
  if (!redis) return (await import("./memory.ts")).createMemoryBus({ onError });
  return (await import("./redis.ts")).createRedisBus({ url: redis.url, caFile: redis.caFile, onError });
}
