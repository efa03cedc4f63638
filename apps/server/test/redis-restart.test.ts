import type { StreamEvent } from "@slipstream/protocol";
import { afterAll, describe, expect, it } from "vitest";
import { startFleet } from "./fleet.ts";
import { collect, eventually, FAKE_MODEL, newClient, sameUserOn, textOf } from "./support.ts";

const fleet = await startFleet();

if ("skip" in fleet) {
  console.log(`Redis restart tests skipped: ${fleet.skip}`);
  describe.skip(`a Redis restart under two instances (skipped: ${fleet.skip})`, () => {});
} else {
  const { a, b, redis } = fleet;
  afterAll(() => fleet.stop());

  const readiness = async (url: string) => (await fetch(new URL("/readyz", url))).status;

  describe("a Redis restart under two instances", () => {
    it("finishes the generation in flight, reports the outage, and streams across instances again once Redis is back", async () => {
      const { onA, onB, email, password } = await sameUserOn(a.url, b.url);
      const conversation = await onA.conversations.create({ model: FAKE_MODEL });
      const watcher = await onB.connect();
      const watched: string[] = [];
      watcher.on("message", (frame) => watched.push(`${frame.message.role}:${frame.message.status}`));
      await watcher.request({ type: "watch", conversationId: conversation.id });

      const answer = "word ".repeat(80).trim();
      const sent = await onA.messages.send(conversation.id, {
        content: `[[slow:30]][[chunks:100]][[reply:${answer}]]`,
      });
      const followed: StreamEvent[] = [];
      const following = (async () => {
        for await (const event of onB.streams.read(sent.streamId)) followed.push(event);
      })().then(
        () => "ended",
        (error: { code?: string }) => error.code ?? String(error),
      );
      await eventually(() => expect(followed.length).toBeGreaterThan(10));

      await redis.kill();
      const downAt = Date.now();
      await eventually(async () => expect([await readiness(a.url), await readiness(b.url)]).toEqual([503, 503]));
      expect((await fetch(new URL("/healthz", a.url))).status).toBe(200);
      // Sign-in stays open while the shared login throttle cannot be reached.
      await newClient(b.url).auth.login({ email, password });
      await redis.start();
      const backAt = Date.now();
      await eventually(async () => expect([await readiness(a.url), await readiness(b.url)]).toEqual([200, 200]));
      const readyAfterMs = Date.now() - backAt;

      // The reply is saved whole: the store is the record, and the log came back empty.
      const reply = await eventually(async () => {
        const latest = (await onA.messages.list(conversation.id)).at(-1);
        expect(latest?.status).toBe("complete");
        return latest;
      }, 20_000);
      expect(reply?.content).toBe(answer);
      // The follower is released rather than left hanging; what it saw is a true prefix of the reply.
      expect(await following).toBe("stream_gone");
      expect(answer.startsWith(textOf(followed))).toBe(true);

      const next = await onA.messages.send(conversation.id, { content: "[[slow:5]] after the restart" });
      const across = await collect(onB.streams.read(next.streamId));
      expect(textOf(across)).toBe("Echo: after the restart");
      await eventually(() =>
        expect(watched.slice(-3)).toEqual(["user:complete", "assistant:streaming", "assistant:complete"]),
      );
      watcher.close();

      expect([a.child.exitCode, b.child.exitCode]).toEqual([null, null]);
      console.log(
        `redis restart: down ${backAt - downAt} ms; both instances ready ${readyAfterMs} ms after it returned; ` +
          `the reply in flight was saved whole (${answer.length} chars), its follower got stream_gone after ${followed.length} events`,
      );
    });
  });
}
