import type { StreamEvent } from "@slipstream/protocol";
import { afterAll, describe, expect, it } from "vitest";
import { startFleet } from "./fleet.ts";
import { eventually, FAKE_MODEL, newClient, signedInClient, textOf } from "./support.ts";

const fleet = await startFleet({ GENERATION_LEASE_MS: "1500", CHECKPOINT_INTERVAL_MS: "100" });

if ("skip" in fleet) {
  console.log(`instance death tests skipped: ${fleet.skip}`);
  describe.skip(`an instance killed mid-generation (skipped: ${fleet.skip})`, () => {});
} else {
  const { a: doomed, b: survivor } = fleet;
  afterAll(() => fleet.stop());

  describe("an instance killed with SIGKILL mid-generation", () => {
    it("has its reply marked interrupted by the other instance, with the checkpointed text, and followers released", async () => {
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
    });
  });
}
