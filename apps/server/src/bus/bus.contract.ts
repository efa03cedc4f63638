import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eventAt } from "./event-stream.contract.ts";
import type { Bus, BusEvents } from "./types.ts";

const eventually = async (check: () => void) => {
  for (let attempt = 0; ; attempt += 1) {
    try {
      check();
      return;
    } catch (error) {
      if (attempt > 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
};

/** The behaviour every Bus adapter must have. */
export function runBusContract({ name, create }: { name: string; create: () => Promise<Bus> }) {
  describe(`Bus contract: ${name}`, () => {
    let bus: Bus;
    beforeEach(async () => {
      bus = await create();
    });
    afterEach(async () => {
      await bus.close();
    });

    it("delivers a published event to every subscriber of its topic, and only of its topic", async () => {
      const cancels: BusEvents["stream.cancel"][] = [];
      const revocations: BusEvents["session.revoked"][] = [];
      bus.subscribe("stream.cancel", (payload) => cancels.push(payload));
      bus.subscribe("stream.cancel", (payload) => cancels.push(payload));
      bus.subscribe("session.revoked", (payload) => revocations.push(payload));
      await bus.publish("stream.cancel", { streamId: "s1" });
      await eventually(() => expect(cancels).toEqual([{ streamId: "s1" }, { streamId: "s1" }]));
      expect(revocations).toEqual([]);
    });

    it("delivers conversation events to every subscriber, in the order they were published", async () => {
      const first: number[] = [];
      const second: number[] = [];
      bus.subscribe("conversation.event", ({ version }) => first.push(version));
      bus.subscribe("conversation.event", ({ version }) => second.push(version));
      for (const version of [1, 2, 3]) await bus.publish("conversation.event", eventAt(version));
      await eventually(() =>
        expect([first, second]).toEqual([
          [1, 2, 3],
          [1, 2, 3],
        ]),
      );
    });

    it("answers ping while it is up", async () => {
      await expect(bus.ping()).resolves.toBeUndefined();
    });

    it("stops delivering after unsubscribe", async () => {
      const received: string[] = [];
      const unsubscribe = bus.subscribe("stream.cancel", ({ streamId }) => received.push(streamId));
      await bus.publish("stream.cancel", { streamId: "first" });
      await eventually(() => expect(received).toEqual(["first"]));
      unsubscribe();
      await bus.publish("stream.cancel", { streamId: "second" });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(received).toEqual(["first"]);
    });
  });
}
