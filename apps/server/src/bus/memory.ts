import { EventEmitter } from "node:events";
import type { Bus } from "./types.ts";

/** The embedded bus: delivery within this process only. */
export function createMemoryBus(): Bus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
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
}
