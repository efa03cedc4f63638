import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { startRedisServer } from "./redis-server.ts";
import { collect, eventually, removeDir, signedInClient, startServer } from "./support.ts";

const redis = await startRedisServer();

const imageJobStates = (dataDir: string) =>
  new DatabaseSync(`${dataDir}/slipstream.db`, { readOnly: true })
    .prepare("select state from jobs where name = 'message.image'")
    .all()
    .map((row) => row.state);

if ("skip" in redis) {
  console.log(`image job tests skipped: ${redis.skip}`);
  describe.skip(`image replies as durable jobs (skipped: ${redis.skip})`, () => {});
} else {
  describe("image replies as durable jobs", () => {
    it("wait in the queue with their progress shown, and end where another instance runs the job", async () => {
      const env = { REDIS_URL: redis.url };
      const front = await startServer({ ...env, WORKER: "off" });
      let worker: Awaited<ReturnType<typeof startServer>> | undefined;
      try {
        const { client } = await signedInClient(front.url);
        const conversation = await client.conversations.create({ model: "demo/image" });
        const sent = await client.messages.send(conversation.id, { content: "a paper boat" });
        expect(imageJobStates(front.dataDir)).toEqual(["queued"]);

        // Nothing runs jobs yet: the reply is streaming, its log holds only its start and its progress.
        const seen: string[] = [];
        const reading = (async () => {
          for await (const { part } of client.streams.read(sent.streamId)) seen.push(part.type);
        })();
        await eventually(() => expect(seen).toEqual(["start", "data-image-progress"]));
        const [, waiting] = await client.messages.list(conversation.id);
        expect(waiting?.status).toBe("streaming");

        worker = await startServer(env, front.dataDir);
        await reading;
        expect(seen).toEqual([
          "start",
          "data-image-progress",
          "text-start",
          "text-delta",
          "text-end",
          "file",
          "finish",
        ]);
        expect(imageJobStates(front.dataDir)).toEqual(["completed"]);
        const [, reply] = await client.messages.list(conversation.id);
        expect(reply?.status).toBe("complete");
        const url = reply?.attachments[0] && `/api/files/${reply.attachments[0].id}`;
        const image = await fetch(new URL(url ?? "", front.url), {
          headers: { cookie: client.transport.cookieHeader() },
        });
        expect(image.headers.get("content-type")).toBe("image/png");

        // The finished stream stays readable from any offset, as any reply's does.
        const tail = await collect(client.streams.read(sent.streamId, { after: 5 }));
        expect(tail.map(({ part }) => part.type)).toEqual(["file", "finish"]);
      } finally {
        await worker?.stop();
        await front.stop();
        await redis.stop();
        await removeDir(front.dataDir);
      }
    });
  });
}
