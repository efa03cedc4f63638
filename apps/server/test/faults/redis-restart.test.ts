import { StreamGoneError } from "@slipstream/client";
import type { StreamPart } from "@slipstream/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeProvider, startFakeProvider } from "../fake-provider/index.ts";
import { startRedisServer } from "../redis-server.ts";
import { type ServerProcess, startInstance } from "../server-process.ts";
import { eventually, FAKE_MODEL, signedInClient } from "../support.ts";
import { FAULT_TEST_TIMEOUT_MS, followSse, readiness } from "./support.ts";

const redis = await startRedisServer();

/** Runs `follow` to its end and gives back what it yielded and how it ended (its error, or "ended"). */
function record(follow: AsyncIterable<{ part: StreamPart }>) {
  const parts: StreamPart[] = [];
  const ended = (async () => {
    for await (const { part } of follow) parts.push(part);
  })().then(
    () => "ended" as const,
    (error: unknown) => error,
  );
  return { parts, ended };
}

if ("skip" in redis) {
  console.log(`Redis fault tests skipped: ${redis.skip}`);
  describe.skip(`a Redis restart under followers (skipped: ${redis.skip})`, () => {});
} else {
  let fake: FakeProvider;
  let server: ServerProcess;
  beforeAll(async () => {
    fake = await startFakeProvider();
    server = await startInstance({
      REDIS_URL: redis.url,
      OPENAI_COMPATIBLE_BASE_URL: `${fake.url}/v1`,
      TITLE_MODEL: "none",
    });
  }, FAULT_TEST_TIMEOUT_MS);
  afterAll(async () => {
    server?.child.kill("SIGKILL");
    await server?.stop();
    await fake?.close();
    await redis.stop();
  }, FAULT_TEST_TIMEOUT_MS);

  describe("Redis restarting empty under followers of a reply", () => {
    it(
      "tells WebSocket and SSE followers the stream is gone and where the saved reply is, which is saved whole",
      async () => {
        const { client } = await signedInClient(server.url);
        const cookie = client.transport.cookieHeader();
        const conversation = await client.conversations.create({ model: FAKE_MODEL });
        const answer = `Saved whole: ${"through a Redis restart ".repeat(60)}`;
        const sent = await client.messages.send(conversation.id, {
          content: `[[pause:5]][[chunks:50]][[reply:${answer}]]`,
        });
        const where = { streamId: sent.streamId, messageId: sent.reply.id, conversationId: conversation.id };
        const raw = await followSse({ url: server.url, cookie, streamId: sent.streamId });
        const overSse = record(client.streams.read(sent.streamId));
        const socket = await client.connect();
        const overWebSocket = record(socket.subscribe(sent.streamId));
        await eventually(() => expect(fake.paused).toBe(1));
        await eventually(() => expect([raw, overSse, overWebSocket].every((f) => f.parts.length >= 5)).toBe(true));

        await redis.kill();
        await eventually(async () => expect((await readiness(server.url)).status).toBe(503));
        await redis.start();
        const backAt = Date.now();
        await eventually(async () => expect((await readiness(server.url)).status).toBe(200));
        const readyAfterMs = Date.now() - backAt;

        // Every follower learns the log is gone, with where the reply is, instead of an `internal` error or a cut.
        expect(await raw.ended).toBe("cut");
        expect(raw.parts.at(-1)).toEqual({ type: "data-stream-gone", transient: true, data: where });
        expect(raw.sawDone).toBe(false);
        for (const follower of [overSse, overWebSocket]) {
          const error = await follower.ended;
          expect(error).toBeInstanceOf(StreamGoneError);
          expect(error).toMatchObject({ code: "stream_gone", ...where });
        }

        fake.resume();
        const reply = await eventually(async () => {
          const latest = (await client.messages.list(conversation.id)).at(-1);
          expect(latest?.status).toBe("complete");
          return latest;
        });
        expect(reply).toMatchObject({ id: where.messageId, content: answer });
        socket.close();
        expect(server.child.exitCode).toBeNull();
        console.log(
          `redis restart: ready ${readyAfterMs} ms after Redis was back; SSE and WebSocket followers told stream_gone ` +
            `with the message id; the reply saved whole (${reply?.content.length} of ${answer.length} chars)`,
        );
      },
      FAULT_TEST_TIMEOUT_MS,
    );
  });
}
