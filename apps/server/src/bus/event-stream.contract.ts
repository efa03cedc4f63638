import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ConversationEventStream, StopConsuming } from "./event-stream.ts";
import type { PublishedConversationEvent } from "./types.ts";

export const eventAt = (version: number): PublishedConversationEvent => ({
  id: `event-${version}`,
  conversationId: "conversation",
  version,
  userId: "owner",
  event: { type: "member.removed", userId: `member-${version}` },
});

/** Consumes `group`, recording the versions it is handed. */
export async function recordVersions(stream: ConversationEventStream, group: string, throwOn = new Set<number>()) {
  const versions: number[] = [];
  const stop = await stream.consume(group, (event) => {
    versions.push(event.version);
    if (throwOn.delete(event.version)) throw new Error(`handler failed on ${event.version}`);
  });
  return { versions, stop };
}

/** The behaviour every ConversationEventStream adapter must have. */
export function runEventStreamContract({
  name,
  create,
}: {
  name: string;
  /** A fresh, empty stream; `onError` receives what handlers threw. */
  create: (onError: (error: unknown) => void) => Promise<ConversationEventStream>;
}) {
  describe(`ConversationEventStream contract: ${name}`, () => {
    let stream: ConversationEventStream;
    let errors: unknown[];
    const stops: StopConsuming[] = [];
    const consume = async (group: string, throwOn?: Set<number>) => {
      const consumer = await recordVersions(stream, group, throwOn);
      stops.push(consumer.stop);
      return consumer;
    };
    beforeEach(async () => {
      errors = [];
      stream = await create((error) => errors.push(error));
    });
    afterEach(async () => {
      await Promise.all(stops.splice(0).map((stop) => stop()));
      await stream.close();
    });

    it("hands every group every event appended after it joined, in order", async () => {
      await stream.append(eventAt(1));
      const [first, second] = await Promise.all([consume("first"), consume("second")]);
      for (const version of [2, 3, 4]) await stream.append(eventAt(version));
      await expect.poll(() => first.versions).toEqual([2, 3, 4]);
      await expect.poll(() => second.versions).toEqual([2, 3, 4]);
    });

    it("hands a group that rejoins what was appended while it was away, and nothing it had acknowledged", async () => {
      const before = await consume("instance");
      await stream.append(eventAt(1));
      await expect.poll(() => before.versions).toEqual([1]);
      await before.stop();
      await stream.append(eventAt(2));
      await stream.append(eventAt(3));
      const after = await consume("instance");
      await expect.poll(() => after.versions).toEqual([2, 3]);
      await stream.append(eventAt(4));
      await expect.poll(() => after.versions).toEqual([2, 3, 4]);
    });

    it("redelivers an entry its consumer never acknowledged to the group's next consumer, before newer ones", async () => {
      const crashing = await consume("instance", new Set([2]));
      for (const version of [1, 2, 3]) await stream.append(eventAt(version));
      await expect.poll(() => crashing.versions).toEqual([1, 2, 3]);
      expect(errors).toEqual([new Error("handler failed on 2")]);
      await crashing.stop();
      await stream.append(eventAt(4));
      const restarted = await consume("instance");
      await expect.poll(() => restarted.versions).toEqual([2, 4]);
    });
  });
}
