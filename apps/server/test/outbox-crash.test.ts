import type { ServerFrame } from "@slipstream/protocol";
import { afterAll, describe, expect, it } from "vitest";
import { startFleet } from "./fleet.ts";
import { eventually, rawTestSocket, sameUserOn } from "./support.ts";

const fleet = await startFleet();

if ("skip" in fleet) {
  console.log(`outbox crash tests skipped: ${fleet.skip}`);
  describe.skip(`an instance killed between commit and publish (skipped: ${fleet.skip})`, () => {});
} else {
  const { a: doomed, b: survivor, redis } = fleet;
  afterAll(() => fleet.stop());

  describe("an instance killed with SIGKILL between committing a change and publishing its event", () => {
    it("loses no event: another instance publishes it from the outbox, once", async () => {
      const { onA, onB } = await sameUserOn(doomed.url, survivor.url);
      const conversation = await onA.conversations.create({ title: "Before" });
      const watcher = await rawTestSocket(survivor.url, onB.transport.cookieHeader());
      watcher.socket.send(JSON.stringify({ type: "watch", conversationId: conversation.id, requestId: "w" }));
      await eventually(() => expect(watcher.frames).toContainEqual({ type: "ok", requestId: "w" }));

      // With Redis gone, the doomed instance commits the rename but cannot publish its event; then it dies, and
      // the event it still holds dies with it.
      await redis.kill();
      try {
        await onA.conversations.update(conversation.id, { title: "After" });
        expect((await onB.conversations.get(conversation.id)).title).toBe("After");
        doomed.child.kill("SIGKILL");
        await doomed.exited;
      } finally {
        await redis.start();
      }

      const renamed = (frame: ServerFrame) =>
        frame.type === "conversation" && frame.action === "updated" && frame.conversation?.title === "After";
      await eventually(() => expect(watcher.frames.some(renamed)).toBe(true), 20_000);
      expect(watcher.frames.filter(renamed)).toHaveLength(1);
      watcher.socket.close();
    });
  });
}
