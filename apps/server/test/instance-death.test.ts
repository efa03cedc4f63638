import type { StreamEvent } from "@slipstream/protocol";
import { afterAll, describe, expect, it } from "vitest";
import { createTestPostgresDatabase } from "../src/store/postgres-test-database.ts";
import { type FakeProvider, startFakeProvider } from "./fake-provider/index.ts";
import { startRedisServer } from "./redis-server.ts";
import { startInstance } from "./server-process.ts";
import { eventually, FAKE_MODEL, newClient, signedInClient, textOf } from "./support.ts";

const postgres = await createTestPostgresDatabase();
const redis = await startRedisServer();
const skip = "skip" in postgres ? postgres.skip : "skip" in redis ? redis.skip : undefined;

if (skip) {
  console.log(`instance death tests skipped: ${skip}`);
  describe.skip(`an instance killed mid-generation (skipped: ${skip})`, () => {});
} else {
  const fake: FakeProvider = await startFakeProvider();
  afterAll(async () => {
    await fake.close();
    if ("stop" in redis) await redis.stop();
    if ("drop" in postgres) await postgres.drop();
  });

  describe("an instance killed with SIGKILL mid-generation", () => {
    it("has its reply marked interrupted by the other instance, with the checkpointed text, and followers released", async () => {
      const env = {
        DATABASE_URL: "url" in postgres ? postgres.url : "",
        REDIS_URL: "url" in redis ? redis.url : "",
        SESSION_SECRET: "a shared secret of at least thirty-two characters",
        OPENAI_COMPATIBLE_BASE_URL: `${fake.url}/v1`,
        GENERATION_LEASE_MS: "1500",
        CHECKPOINT_INTERVAL_MS: "100",
      };
      const [doomed, survivor] = await Promise.all([startInstance(env), startInstance(env)]);
      try {
        const { client: onSurvivor, email, password } = await signedInClient(survivor.url);
        const onDoomed = newClient(doomed.url);
        await onDoomed.auth.login({ email, password });
        const conversation = await onDoomed.conversations.create({ model: FAKE_MODEL });
        const sent = await onDoomed.messages.send(conversation.id, {
          content: "[[slow:40]][[chunks:500]] a very long answer that will never finish because its server dies",
        });

        const followed: StreamEvent[] = [];
        const following = (async () => {
          for await (const event of onSurvivor.streams.read(sent.streamId)) followed.push(event);
        })();
        await eventually(() => expect(followed.filter((e) => e.part.type === "text-delta").length).toBeGreaterThan(10));

        doomed.child.kill("SIGKILL");
        const killedAt = Date.now();
        await doomed.exited;

        const reply = await eventually(async () => {
          const last = (await onSurvivor.messages.list(conversation.id)).at(-1);
          expect(last?.status).toBe("interrupted");
          return last;
        }, 20_000);
        const takeoverMs = Date.now() - killedAt;
        await following;
        console.log(`instance death: reply interrupted ${takeoverMs} ms after SIGKILL (lease 1500 ms)`);

        expect(followed.at(-1)?.part).toEqual({ type: "abort", reason: "interrupted" });
        expect(reply?.content.length).toBeGreaterThan(0);
        expect(textOf(followed).startsWith(reply?.content ?? "")).toBe(true);
        expect(takeoverMs).toBeLessThan(10_000);
      } finally {
        await Promise.all([doomed.stop(), survivor.stop()]);
      }
    });
  });
}
