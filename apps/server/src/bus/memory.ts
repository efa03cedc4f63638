import { EventEmitter } from "node:events";
import { carryConversationEvents } from "./carry-conversation-events.ts";
import { createMemoryEventStream } from "./event-stream.memory.ts";
import type { Bus } from "./types.ts";

/** The embedded bus: delivery within this process only. */
export function createMemoryBus({
  onError = (error) => process.emitWarning(error instanceof Error ? error : String(error)),
}: {
  /** Receives errors thrown by conversation event subscribers, which must not keep the others from the event. */
  onError?: (error: unknown) => void;
} = {}): Bus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const bus: Bus = {
    async publish(topic, payload) {
      emitter.emit(topic, payload);
    },
    subscribe(topic, handler) {
      emitter.on(topic, handler);
      return () => emitter.off(topic, handler);
    },
    async ping() {},
    async close() {
      emitter.removeAllListeners();
    },
  };
  return carryConversationEvents({ bus, stream: createMemoryEventStream({ onError }), group: "local", onError });
}
