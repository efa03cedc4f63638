import { Redis } from "ioredis";
import type { Child } from "./spawn.ts";

async function redisCpuMs(redis: Redis): Promise<number> {
  const info = await redis.info("cpu");
  const seconds = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  return (seconds("used_cpu_user") + seconds("used_cpu_sys")) * 1000;
}

/**
 * CPU time spent by each process between `startCpuWindow` and `stop`: the children (as they report it), this load
 * generator, and redis-server when given (from its INFO). Postgres backends are not counted.
 */
export async function startCpuWindow(children: Child[], redisUrl?: string) {
  const redis = redisUrl ? new Redis(redisUrl, { lazyConnect: true }) : undefined;
  await redis?.connect();
  const read = async () => ({
    children: await Promise.all(children.map(async (child) => (await child.stats()).cpuMs)),
    loadGenerator: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
    redis: redis ? await redisCpuMs(redis) : undefined,
  });
  const before = await read();
  return {
    async stop(): Promise<Record<string, number>> {
      const after = await read();
      redis?.disconnect();
      const spent: Record<string, number> = { "load generator": after.loadGenerator - before.loadGenerator };
      children.forEach((child, index) => {
        spent[child.name] = (after.children[index] ?? 0) - (before.children[index] ?? 0);
      });
      if (after.redis !== undefined && before.redis !== undefined) spent["redis-server"] = after.redis - before.redis;
      return spent;
    },
  };
}
