import { describe, expect, it } from "vitest";
import { startRedisServer } from "./redis-server.ts";
import { eventually, removeDir, signedInClient, startServer } from "./support.ts";

const redis = await startRedisServer();

if ("skip" in redis) {
  console.log(`redis outage tests skipped: ${redis.skip}`);
  describe.skip(`a Redis outage (skipped: ${redis.skip})`, () => {});
} else {
  describe("a Redis outage", () => {
    it("is reported by /readyz and /metrics while the server keeps answering without crashing", async () => {
      const server = await startServer({ REDIS_URL: redis.url });
      try {
        await signedInClient(server.url);
        expect((await fetch(new URL("/readyz", server.url))).status).toBe(200);
        await redis.stop();
        await eventually(async () => {
          const ready = await fetch(new URL("/readyz", server.url));
          expect(ready.status).toBe(503);
          expect(await ready.json()).toEqual({
            error: { code: "not_ready", message: "A dependency is not answering." },
          });
        });
        expect((await fetch(new URL("/healthz", server.url))).status).toBe(200);
        await eventually(async () => {
          const metrics = await (await fetch(new URL("/metrics", server.url))).text();
          expect(metrics).toMatch(/^slipstream_redis_errors_total\{port="bus"\} [1-9]/m);
          expect(metrics).toMatch(/^slipstream_redis_errors_total\{port="streams"\} [1-9]/m);
        });
      } finally {
        await server.stop();
        await removeDir(server.dataDir);
      }
    });
  });
}
