import type { ConversationEventStream } from "./event-stream.ts";
import type { Bus, BusEvents, BusTopic } from "./types.ts";

type EventHandler = (payload: BusEvents["conversation.event"]) => void;

/**
 * The bus with its `conversation.event` topic carried by an event stream, read by this instance's own consumer
 * group (every instance needs every event), and acknowledged once this instance's subscribers have had it. The
 * other topics stay on `bus`.
 */
export function carryConversationEvents({
  bus,
  stream,
  group,
  onError,
}: {
  bus: Bus;
  stream: ConversationEventStream;
  group: string;
  /** Receives what a subscriber threw, which must not keep the others from the event. */
  onError: (error: unknown) => void;
}): Bus & { ready: Promise<void> } {
  const subscribers = new Set<EventHandler>();
  const consuming = stream.consume(group, (event) => {
    for (const subscriber of [...subscribers]) {
      try {
        subscriber(event);
      } catch (error) {
        onError(error);
      }
    }
  });
  const isEvent = (topic: BusTopic) => topic === "conversation.event";

  return {
    /** Resolves once this instance's group exists; events appended from then on reach it. */
    ready: consuming.then(() => undefined),
    async publish(topic, payload) {
      if (!isEvent(topic)) return bus.publish(topic, payload);
      await consuming;
      await stream.append(payload as BusEvents["conversation.event"]);
    },
    subscribe(topic, handler) {
      if (!isEvent(topic)) return bus.subscribe(topic, handler);
      // A fresh entry per call, so subscribing the same function twice needs two unsubscribes.
      const entry: EventHandler = (payload) => handler(payload as never);
      subscribers.add(entry);
      return () => subscribers.delete(entry);
    },
    async ping() {
      await Promise.all([bus.ping(), stream.ping()]);
    },
    async close() {
      subscribers.clear();
      await (await consuming.catch(() => async () => {}))();
      await stream.close();
      await bus.close();
    },
  };
}
