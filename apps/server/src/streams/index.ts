import type { StreamLog } from "./types.ts";

export type * from "./types.ts";

/** Generation logs in this process, or in Redis Streams (loaded only then) so that any instance serves any reader. */
export async function openStreamLog({
  redis,
  retentionMs,
  onError,
}: {
  redis?: { url: string; caFile?: string };
  retentionMs: number;
  onError: (error: unknown) => void;
}): Promise<StreamLog> {
  if (!redis) return (await import("./memory.ts")).createMemoryStreamLog({ retentionMs });
  return (await import("./redis.ts")).createRedisStreamLog({
    url: redis.url,
    caFile: redis.caFile,
    retentionMs,
    onError,
  });
}
